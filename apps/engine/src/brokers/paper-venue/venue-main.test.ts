import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paise } from '@strikedesk/domain';
import { loadEngineConfig } from '../../config/engine-config.ts';
import { createSimulatedMarket } from '../../market/create-market.ts';

/**
 * The paper venue as its own process (PAPER_VENUE_URL, the crash harness): it must check orders
 * like the exchange the in-process paper broker stands for — circuit limits, freeze quantity, lots.
 */
const MAIN = fileURLToPath(new URL('./venue-main.ts', import.meta.url));
const ACCOUNT = '5b0f7c9e-6f43-4a36-9d43-1d1c1bb4c0b2';
let child: ChildProcess;
let url: string;

beforeAll(async () => {
  child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...process.env, VENUE_HOST: '127.0.0.1', VENUE_PORT: '0', SIM_SEED: '42', SIM_TICK_MS: '250', LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`venue did not start: ${output}`)), 20_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /VENUE_READY (\S+)/.exec(output);
      if (ready?.[1]) {
        clearTimeout(timer);
        resolve(ready[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`venue exited ${code}: ${output}`)));
  });
}, 30_000);

afterAll(() => {
  child?.kill('SIGTERM');
});

/** The venue's listing: the same configuration and day, so the same instruments. */
const future = () => {
  const { catalog } = createSimulatedMarket({ config: loadEngineConfig(), seed: 42, startTime: Date.now() });
  return catalog.chains.find((chain) => chain.spec.underlying === 'NIFTY')!.future;
};

let counter = 0;
async function place(order: { quantity: number; price: number }): Promise<{ status: string; reasonCode: string | null }> {
  const response = await fetch(`${url}/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ accountId: ACCOUNT, clientOrderId: `vm-${process.pid}-${++counter}`, instrumentId: future().id, side: 'BUY', type: 'LIMIT', product: 'NRML', triggerPrice: null, ...order }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { status: string; reasonCode: string | null };
}

describe('the paper venue process', () => {
  it('rejects a futures order priced beyond the day\'s circuit, as the exchange does (it used to fill it)', async () => {
    const spot = loadEngineConfig().simulation.underlyings['NIFTY']!.spot;
    const answer = await place({ quantity: future().lotSize, price: paise(Math.round((spot * 1.5) / 5) * 5) });
    expect(answer).toMatchObject({ status: 'REJECTED', reasonCode: 'PRICE_OUTSIDE_CIRCUIT' });
  });

  it('rejects an order above the freeze quantity', async () => {
    const instrument = future();
    const spot = loadEngineConfig().simulation.underlyings['NIFTY']!.spot;
    const lots = Math.floor(instrument.freezeQuantity / instrument.lotSize) + 1;
    const answer = await place({ quantity: lots * instrument.lotSize, price: paise(Math.round((spot * 0.95) / 5) * 5) });
    expect(answer).toMatchObject({ status: 'REJECTED', reasonCode: 'QUANTITY_ABOVE_FREEZE' });
  });
});
