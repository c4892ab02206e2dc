/**
 * The full-path benchmark's tRPC WebSocket client on its own thread, as the gateway is its own
 * process in production: on the engine's thread it took half the core it measures. It runs a short
 * warm-up, says `measuring`, runs the open loop and posts what its recorder saw. The engine's
 * thread posts the touch of every traded instrument every 100 ms (LIMIT orders are priced from it).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { connectEngine } from '../../../apps/engine/src/testing/engine-client.ts';
import { openLoop, Recorder, type RecordedRun, type Submit, type Touch, type Trader } from './order-flow.ts';

export type WebSocketLoadJob = { url: string; traders: Trader[]; rate: number; seconds: number; offset: number; warmup: { rate: number; seconds: number } };
export type TouchUpdate = { touches: [string, number | null, number | null][] };
export type WebSocketLoadMessage = { kind: 'measuring' } | { kind: 'result'; run: RecordedRun } | { kind: 'failed'; message: string };

const port = parentPort;
if (!port) throw new Error('ws-load-worker runs as a worker thread');
const job = workerData as WebSocketLoadJob;
const touches = new Map<string, Touch>();
port.on('message', (update: TouchUpdate) => {
  for (const [id, bid, ask] of update.touches) touches.set(id, { bid, ask });
});
const touch = (id: string): Touch => touches.get(id);
const post = (message: WebSocketLoadMessage): void => port.postMessage(message);

const connection = connectEngine(job.url);
try {
  const submit: Submit = (trader, order) => connection.client.orders.submit.mutate({ accountId: trader.accountId, userId: trader.userId, order, origin: 'API' });
  await openLoop({ recorder: new Recorder(), traders: job.traders, submit, touch, rate: job.warmup.rate, seconds: job.warmup.seconds, offset: job.offset });
  post({ kind: 'measuring' });
  const offset = job.offset + job.warmup.rate * job.warmup.seconds;
  post({ kind: 'result', run: await openLoop({ recorder: new Recorder(), traders: job.traders, submit, touch, rate: job.rate, seconds: job.seconds, offset }) });
} catch (error) {
  post({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
} finally {
  connection.close();
  port.close();
}
