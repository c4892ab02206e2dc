import { ENGINE_RESTART_EXIT_CODE } from '@strikedesk/domain';
import { pino } from 'pino';
import { startEngine } from './engine.ts';
import { loadEngineEnv } from './env.ts';

/**
 * Process entry: `node --max-semi-space-size=32 --import tsx apps/engine/src/main.ts` (the flag: ADR 0023). Prints `ENGINE_READY ws://host:port`
 * on stdout once it accepts connections — the line start scripts and the gateway's tests wait for.
 */
async function main(): Promise<void> {
  const env = loadEngineEnv();
  const logger = pino({ level: env.LOG_LEVEL, base: { service: 'engine' } });
  let stopping = false;
  // Assigned before any timer can call it: onListingStale only fires from the running engine's timers.
  let shutdown = (_reason: NodeJS.Signals | 'daily-restart'): void => undefined;
  const engine = await startEngine(env, { logger, onListingStale: () => shutdown('daily-restart') });
  process.stdout.write(`ENGINE_READY ${engine.url}\n`);

  shutdown = (reason) => {
    if (stopping) return;
    stopping = true;
    if (reason === 'daily-restart') logger.info('the instrument listing is from an earlier day: restarting to list today\'s contracts');
    else logger.info({ signal: reason }, 'shutting down');
    engine.close().then(
      () => process.exit(reason === 'daily-restart' ? ENGINE_RESTART_EXIT_CODE : 0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  // `on`, not `once`: tsx's loader exits the process itself on a signal when no other listener
  // remains, and a `once` listener is removed before it runs — that would skip the graceful close.
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

/** What went wrong, said so an operator knows what to do (never env values: they hold secrets). */
function startFailure(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'EADDRINUSE') {
    const port = (error as { port?: unknown }).port;
    return `port ${String(port ?? '')} is already in use — another engine is running, or set ENGINE_PORT to a free port`;
  }
  return error instanceof Error ? error.message : String(error);
}

main().catch((error: unknown) => {
  // Before the logger exists (bad env) this is the only place to report.
  process.stderr.write(`engine failed to start: ${startFailure(error)}\n`);
  process.exit(1);
});
