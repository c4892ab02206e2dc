import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { asAccountId, asUserId, type TradingHalt } from '@strikedesk/domain';
import { waitUntil } from '@strikedesk/domain/testing';
import { startScriptedEngine, type ScriptedEngine } from '../testing/scripted-engine.ts';
import { createEngineClient, type EngineClient } from './engine-client.ts';

// The gateway's halt stream against a scripted engine that can lose live pushes: the halt stream is
// not resumable, so what changed while it was down must be fetched when it comes back.
let engine: ScriptedEngine;
let client: EngineClient;
let seen: TradingHalt[];

const ADMIN = asUserId('00000000-0000-4000-8000-00000000000a');
const engaged = (id: number, engagedAt = Date.now()): TradingHalt => ({
  id,
  scope: 'ACCOUNT',
  accountId: asAccountId('00000000-0000-4000-8000-000000000001'),
  kind: 'KILL_SWITCH',
  reason: `halt ${id}`,
  flatten: false,
  engagedBy: ADMIN,
  engagedAt,
  releasedBy: null,
  releasedAt: null,
  releaseNote: null,
  details: {},
});
const released = (halt: TradingHalt, releasedAt = Date.now()): TradingHalt => ({ ...halt, releasedBy: ADMIN, releasedAt, releaseNote: 'done' });
const versionsOf = (id: number) => seen.filter((halt) => halt.id === id);

beforeEach(async () => {
  engine = await startScriptedEngine();
  seen = [];
  client = createEngineClient({ url: engine.url, token: 'scripted-engine-token', logger: pino({ level: 'silent' }), retryDelayMs: 50 });
  client.halts.onHalt((halt) => seen.push(halt));
  await waitUntil(() => engine.haltQueries() >= 1, { message: 'first resync' });
});
afterEach(async () => {
  await client?.close();
  await engine?.close();
});

describe('halt stream', () => {
  it('delivers live halt changes and, at start, the halts already active', async () => {
    await client.close();
    const before = engaged(1);
    engine.putHalt(before, { live: false });
    engine.putHalt(released(engaged(2, Date.now() - 3_600_000), Date.now() - 3_600_000), { live: false });
    seen = [];
    client = createEngineClient({ url: engine.url, token: 'scripted-engine-token', logger: pino({ level: 'silent' }), retryDelayMs: 50 });
    client.halts.onHalt((halt) => seen.push(halt));
    await waitUntil(() => seen.length >= 1, { message: 'the active halt at start' });
    expect(seen).toEqual([before]);

    const live = engaged(3);
    engine.putHalt(live);
    await waitUntil(() => versionsOf(3).length === 1, { message: 'live halt' });
    engine.putHalt(released(live));
    await waitUntil(() => versionsOf(3).length === 2, { message: 'live release' });
    expect(versionsOf(3).at(-1)?.releasedAt).not.toBeNull();
    expect(versionsOf(2)).toEqual([]); // released an hour before: not news
  });

  it('after a lost connection, sends what changed meanwhile: the halts engaged and those released', async () => {
    const first = engaged(1);
    engine.putHalt(first);
    await waitUntil(() => versionsOf(1).length === 1, { message: 'halt 1 live' });
    const queries = engine.haltQueries();

    // The socket drops; meanwhile halt 1 is released and halt 2 engaged, and neither push arrives.
    engine.dropConnections();
    engine.putHalt(released(first), { live: false });
    engine.putHalt(engaged(2), { live: false });

    await waitUntil(() => engine.haltQueries() > queries && versionsOf(2).length === 1 && versionsOf(1).length === 2, { message: 'resync after reconnect' });
    expect(versionsOf(1).at(-1)?.releasedAt).not.toBeNull();
    expect(versionsOf(2)[0]?.releasedAt).toBeNull();
  });

  it('a live change arriving while the resync is fetching wins over the older fetched copy', async () => {
    const halt = engaged(1);
    engine.putHalt(halt);
    await waitUntil(() => versionsOf(1).length === 1, { message: 'halt 1 live' });
    const queries = engine.haltQueries();
    engine.setHaltQueryDelay(400);
    engine.dropConnections();
    // The resync's query is on its way (it reads the store only after the delay): release meanwhile.
    await waitUntil(() => engine.haltQueries() > queries, { message: 'resync started' });
    engine.putHalt(released(halt));
    await waitUntil(() => versionsOf(1).length >= 2, { message: 'the live release' });
    // Let the delayed fetch answer: it would carry the halt as released too by now, so make the
    // point sharper — the stored copy goes back to active, as a fetch begun before the release saw it.
    engine.putHalt(halt, { live: false });
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(versionsOf(1).at(-1)?.releasedAt).not.toBeNull();
  });
});
