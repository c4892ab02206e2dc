import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { startScriptedEngine, type ScriptedEngine } from '../testing/scripted-engine.ts';
import { waitUntil } from '@strikedesk/domain/testing';
import { createEngineClient, type EngineClient } from './engine-client.ts';

// The gateway's engine client against a scripted engine that can lose live messages and forget
// its journal — failures the real engine cannot be made to produce on cue.
let engine: ScriptedEngine;
let client: EngineClient;
let seen: number[];

beforeEach(async () => {
  engine = await startScriptedEngine();
  client = createEngineClient({ url: engine.url, token: 'scripted-engine-token', logger: pino({ level: 'silent' }), retryDelayMs: 50 });
  await waitUntil(() => client.events.lastSeq() !== null, { message: 'stream has a resume point' });
  seen = [];
  client.events.onEnvelope((envelope) => seen.push(envelope.seq));
});
afterEach(async () => {
  await client?.close();
  await engine?.close();
});

describe('event stream recovery', () => {
  it('a gap in the live stream is filled by a replay from the journal, in order', async () => {
    engine.append();
    engine.append();
    await waitUntil(() => seen.length === 2, { message: 'first two delivered' });
    engine.append({ live: false });
    engine.append({ live: false });
    engine.append();
    engine.append();
    await waitUntil(() => client.events.lastSeq() === 6, { message: 'caught up to 6' });
    expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
    // Resubscribed from the last seq it had delivered.
    expect(engine.subscriptions()).toEqual(['0', '2']);
  });

  it('a gap the journal itself has is skipped after one replay, not retried forever', async () => {
    engine.append();
    engine.append({ seq: 3 });
    engine.append();
    await waitUntil(() => client.events.lastSeq() === 4, { message: 'caught up to 4' });
    expect(seen).toEqual([1, 3, 4]);
    expect(engine.subscriptions()).toEqual(['0', '1']);
  });

  it('EVENT_STREAM_AHEAD (engine on a reset journal): follows the engine from its live end', async () => {
    engine.append();
    engine.append();
    engine.append();
    await waitUntil(() => client.events.lastSeq() === 3, { message: 'caught up to 3' });
    engine.resetAndRestart();
    // Refused at 3, then the live end of the new journal.
    await waitUntil(() => client.events.lastSeq() === 0, { message: 'resume point reset to the new journal' });
    engine.append();
    engine.append();
    await waitUntil(() => seen.length === 5, { message: 'new journal events delivered' });
    expect(seen).toEqual([1, 2, 3, 1, 2]);
    expect(engine.subscriptions()).toContain('3');
  });
});
