import { pino } from 'pino';
import { loadEngineConfig } from '../../config/engine-config.ts';
import { loadVenueEnv } from '../../env.ts';
import { createSimulatedMarket } from '../../market/create-market.ts';
import { MarketData } from '../../market/market-data.ts';
import { SimulatorRunner, systemClock } from '../../market/simulator-runner.ts';
import { paperFillOptions } from '../paper/paper-fill-options.ts';
import { startVenueServer } from './venue-server.ts';

/**
 * The paper venue as its own process: `node --import tsx apps/engine/src/brokers/paper-venue/venue-main.ts`.
 * It simulates its own market (same model as the engine's) and keeps its books in memory for as
 * long as it runs, across any number of engine restarts; point an engine at it with PAPER_VENUE_URL.
 * Prints `VENUE_READY http://host:port` once it accepts requests.
 */
async function main(): Promise<void> {
  const env = loadVenueEnv();
  const logger = pino({ level: env.LOG_LEVEL, base: { service: 'paper-venue' } });
  const config = loadEngineConfig();
  const { catalog, simulator } = createSimulatedMarket({ config, seed: env.SIM_SEED, startTime: systemClock.now() });
  const market = new MarketData(simulator);
  // The same exchange checks and fill settings as the engine's in-process paper broker.
  const fills = paperFillOptions(config.simulation.paperFills, (id) => catalog.get(id), market);
  const server = await startVenueServer({ host: env.VENUE_HOST, port: env.VENUE_PORT, quotes: market, fills, logger });
  const runner = new SimulatorRunner(simulator, {
    intervalMs: env.SIM_TICK_MS,
    clock: systemClock,
    isOpen: () => true,
    onStep: (step) => {
      market.publish(step);
      server.onTicks(step.ticks);
    },
    onError: (error) => logger.error({ err: error }, 'simulator step failed'),
  });
  runner.stepNow(); // quotes before the first request
  runner.start();
  process.stdout.write(`VENUE_READY ${server.url}\n`);
  logger.info({ url: server.url }, 'paper venue listening');
  const shutdown = (): void => {
    runner.stop();
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`paper venue failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
