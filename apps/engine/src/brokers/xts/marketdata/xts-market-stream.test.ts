import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { TickSchema, type InstrumentId, type Tick } from '@strikedesk/domain';
import { waitUntil } from '@strikedesk/domain/testing';
import { MD_CALL, MD_FUT, MD_PUT, startXtsMdHarness, type StreamRecorder, type XtsMdHarness } from '../fake/fake-xts-md-harness.ts';
import type { XtsBroadcastMode } from './xts-market-stream.ts';

// 2026-12-01 10:15:30 IST
const AT = Date.UTC(2026, 11, 1, 4, 45, 30);
const DEPTH = {
  bids: [
    { pricePaise: 24_530, size: 150, orders: 2 },
    { pricePaise: 24_525, size: 300, orders: 4 },
    { pricePaise: 24_520, size: 450, orders: 5 },
    { pricePaise: 24_515, size: 75, orders: 1 },
    { pricePaise: 24_510, size: 600, orders: 7 },
  ],
  asks: [
    { pricePaise: 24_540, size: 75, orders: 1 },
    { pricePaise: 24_545, size: 225, orders: 3 },
  ],
};
const MARKET = { lastPaise: 24_535, lastQuantity: 75, volume: 1_500, openPaise: 24_000, highPaise: 25_010, lowPaise: 23_905, closePaise: 23_840, ...DEPTH, updatedAt: AT };

/**
 * After the reconnect backoff's longest wait (the harness caps it at 200 ms) nothing more may
 * happen: proving that something does *not* happen needs a bounded wait, and this one is several
 * backoff periods long.
 */
const QUIET_MS = 700;

describe('XtsMarketStream against the fake XTS Market Data API', () => {
  let harness: XtsMdHarness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  const ticksOf = (recorder: StreamRecorder, id: InstrumentId): Tick[] => recorder.ticks.filter((tick) => tick.instrumentId === id);
  const nextTick = async (recorder: StreamRecorder, id: InstrumentId, test: (tick: Tick) => boolean, message: string): Promise<Tick> =>
    waitUntil(() => ticksOf(recorder, id).find(test), { timeoutMs: 5_000, message });
  const connected = (recorder: StreamRecorder) => waitUntil(() => recorder.stream.connected, { timeoutMs: 5_000, message: 'socket joined' });

  for (const engineIo of [3, 4] as const) {
    for (const broadcastMode of ['Full', 'Partial'] as const satisfies readonly XtsBroadcastMode[]) {
      it(`EIO${engineIo} ${broadcastMode}: 1501 touchline — the subscribe snapshot, then every streamed update, become correct Ticks`, async () => {
        const running = (harness = await startXtsMdHarness());
        running.fake.setPrice(43650, MARKET);
        const recorder = running.openStream({ engineIo, broadcastMode });
        await connected(recorder);
        expect(running.fake.socketProtocols).toEqual([engineIo]);
        await recorder.stream.subscribe(1501, [MD_CALL]);
        const snapshot = ticksOf(recorder, MD_CALL)[0];
        expect(TickSchema.parse(snapshot)).toMatchObject({ lastPrice: 24_535, previousClose: 23_840, open: 24_000, high: 25_010, low: 23_905, bid: 24_530, ask: 24_540, volume: 1_500, timestamp: AT });
        expect(snapshot?.bids).toEqual([{ price: 24_530, quantity: 150, orders: 2 }]);

        running.fake.setPrice(43650, { lastPaise: 25_120, lastQuantity: 150, volume: 1_650, highPaise: 25_120, updatedAt: AT + 60_000 });
        const moved = await nextTick(recorder, MD_CALL, (tick) => tick.lastPrice === 25_120, 'a streamed touchline');
        expect(TickSchema.parse(moved)).toMatchObject({ volume: 1_650, high: 25_120, low: 23_905, open: 24_000, previousClose: 23_840, bid: 24_530, ask: 24_540, timestamp: AT + 60_000 });

        // Only the best bid moves: in Partial mode the message carries just that (and the time).
        running.fake.setPrice(43650, { bids: [{ pricePaise: 25_115, size: 225, orders: 3 }], updatedAt: AT + 61_000 });
        const bid = await nextTick(recorder, MD_CALL, (tick) => tick.bid === 25_115, 'a streamed bid');
        expect(bid).toMatchObject({ lastPrice: 25_120, volume: 1_650, ask: 24_540, timestamp: AT + 61_000 });
        expect(bid.bids).toEqual([{ price: 25_115, quantity: 225, orders: 3 }]);
        expect(recorder.invalid).toEqual([]);
      });
    }
  }

  for (const broadcastMode of ['Full', 'Partial'] as const satisfies readonly XtsBroadcastMode[]) {
    it(`${broadcastMode}: 1502 depth streams five levels a side; a 1512 LTP moves the last price without wiping the depth`, async () => {
      const running = (harness = await startXtsMdHarness());
      running.fake.setPrice(43650, MARKET);
      const recorder = running.openStream({ broadcastMode });
      await connected(recorder);
      await recorder.stream.subscribe(1502, [MD_CALL]);
      await recorder.stream.subscribe(1512, [MD_CALL]);
      expect(ticksOf(recorder, MD_CALL)[0]?.bids.map((level) => level.price)).toEqual([24_530, 24_525, 24_520, 24_515, 24_510]);

      running.fake.setPrice(43650, { asks: [{ pricePaise: 24_560, size: 75, orders: 1 }, ...DEPTH.asks], updatedAt: AT + 1_000 });
      const deeper = await nextTick(recorder, MD_CALL, (tick) => tick.asks.length === 3, 'a streamed depth change');
      expect(deeper.asks.map((level) => [level.price, level.quantity])).toEqual([
        [24_560, 75],
        [24_540, 75],
        [24_545, 225],
      ]);

      // The fake publishes 1502 then 1512: the LTP-only message keeps the book that came before it.
      running.fake.setPrice(43650, { lastPaise: 24_600, updatedAt: AT + 2_000 });
      await waitUntil(() => ticksOf(recorder, MD_CALL).filter((tick) => tick.lastPrice === 24_600).length >= 2, { timeoutMs: 5_000, message: '1502 and 1512 ticks' });
      const last = ticksOf(recorder, MD_CALL).at(-1);
      expect(last).toMatchObject({ lastPrice: 24_600, bid: 24_530, ask: 24_560, previousClose: 23_840 });
      expect(last?.bids).toHaveLength(5);
    });
  }

  it('1512 alone: the flat LTP message becomes a Tick (other fields fall back to the last price)', async () => {
    const running = (harness = await startXtsMdHarness());
    running.fake.setPrice(35003, { lastPaise: 2_600_005, updatedAt: AT });
    const recorder = running.openStream({ broadcastMode: 'Partial' });
    await connected(recorder);
    await recorder.stream.subscribe(1512, [MD_FUT]);
    running.fake.setPrice(35003, { lastPaise: 2_600_105, updatedAt: AT + 2_000 });
    const tick = await nextTick(recorder, MD_FUT, (row) => row.lastPrice === 2_600_105, 'an LTP tick');
    expect(TickSchema.parse(tick)).toMatchObject({ previousClose: 2_600_105, open: 2_600_105, bid: null, ask: null, bids: [], volume: 0, timestamp: AT + 2_000 });
  });

  it('unsubscribe stops the Ticks of that instrument (and only that one)', async () => {
    const running = (harness = await startXtsMdHarness());
    const recorder = running.openStream();
    await connected(recorder);
    await recorder.stream.subscribe(1501, [MD_CALL, MD_FUT]);
    running.fake.setPrice(43650, { lastPaise: 11_000 });
    await nextTick(recorder, MD_CALL, (tick) => tick.lastPrice === 11_000, 'subscribed tick');
    await recorder.stream.unsubscribe(1501, [MD_CALL]);
    expect(running.fake.subscribed(1501)).toEqual(['2_35003']);
    const before = ticksOf(recorder, MD_CALL).length;
    // Even were the server still sending it, it is ignored; the future's tick orders the check.
    running.fake.setPrice(43650, { lastPaise: 12_000 });
    running.fake.setPrice(35003, { lastPaise: 2_700_000 });
    await nextTick(recorder, MD_FUT, (tick) => tick.lastPrice === 2_700_000, 'the still-subscribed future');
    expect(ticksOf(recorder, MD_CALL)).toHaveLength(before);
  });

  it('an instrument missing from the directory is refused before anything is sent', async () => {
    const running = (harness = await startXtsMdHarness());
    const recorder = running.openStream();
    await expect(recorder.stream.subscribe(1501, [MD_CALL, 'NFO:NIFTY26DEC99000CE' as InstrumentId])).rejects.toMatchObject({ code: 'BROKER_INPUT_REJECTED' });
    expect(running.fake.requests.filter((request) => request.path === '/instruments/subscription')).toHaveLength(0);
  });

  it('xts-md-reconnect-resubscribes: the server drops the socket mid-stream (and forgets the subscriptions) → reconnect, resubscribe over REST, ticks resume', async () => {
    const running = (harness = await startXtsMdHarness());
    const recorder = running.openStream({ broadcastMode: 'Partial' });
    await connected(recorder);
    await recorder.stream.subscribe(1501, [MD_CALL]);
    await recorder.stream.subscribe(1502, [MD_FUT]);
    running.fake.setPrice(43650, { lastPaise: 11_000 });
    await nextTick(recorder, MD_CALL, (tick) => tick.lastPrice === 11_000, 'before the drop');
    const subscribePosts = () => running.fake.requests.filter((request) => request.method === 'POST' && request.path === '/instruments/subscription').length;
    expect(subscribePosts()).toBe(2);

    running.fake.dropSockets({ forgetSubscriptions: true });
    running.fake.setPrice(43650, { lastPaise: 11_500 }); // published to nobody: lost
    await waitUntil(() => recorder.connections.join() === 'true,false,true' && running.fake.subscribed(1501).length === 1 && running.fake.subscribed(1502).length === 1, {
      timeoutMs: 5_000,
      message: 'reconnected and resubscribed',
    });
    expect(subscribePosts()).toBe(4);
    // The resubscription's snapshot re-seeds the state, so the price missed while away arrives.
    await nextTick(recorder, MD_CALL, (tick) => tick.lastPrice === 11_500, 'snapshot after resubscribe');
    running.fake.setPrice(43650, { lastPaise: 12_000 });
    running.fake.setPrice(35003, { lastPaise: 2_650_000 });
    await nextTick(recorder, MD_CALL, (tick) => tick.lastPrice === 12_000, 'touchline resumed');
    await nextTick(recorder, MD_FUT, (tick) => tick.lastPrice === 2_650_000, 'depth resumed');
    expect(recorder.sessionEnds).toEqual([]);
  });

  it('a reconnect to a session that kept its subscriptions ("already subscribed") resumes too, with a fresh snapshot from quotes', async () => {
    const running = (harness = await startXtsMdHarness());
    const recorder = running.openStream();
    await connected(recorder);
    await recorder.stream.subscribe(1501, [MD_CALL]);
    running.fake.dropSockets();
    running.fake.setPrice(43650, { lastPaise: 13_000 });
    await nextTick(recorder, MD_CALL, (tick) => tick.lastPrice === 13_000, 'snapshot via quotes after reconnect');
    expect(running.fake.requests.filter((request) => request.path === '/instruments/subscription').map((request) => request.status)).toEqual([200, 400]);
    expect(running.fake.requests.some((request) => request.path === '/instruments/quotes')).toBe(true);
    running.fake.setPrice(43650, { lastPaise: 13_500 });
    await nextTick(recorder, MD_CALL, (tick) => tick.lastPrice === 13_500, 'streaming resumed');
    expect(recorder.sessionEnds).toEqual([]);
    expect(recorder.errors).toEqual([]);
  });

  it('reconnects with backoff while the server refuses, and never gives up on a live session', async () => {
    const running = (harness = await startXtsMdHarness());
    const recorder = running.openStream();
    await connected(recorder);
    await recorder.stream.subscribe(1501, [MD_PUT]);
    running.fake.faults.socketsDown = true;
    running.fake.dropSockets();
    await waitUntil(() => running.fake.stats.refused >= 3, { timeoutMs: 5_000, message: 'refused attempts' });
    running.fake.faults.socketsDown = false;
    await waitUntil(() => recorder.connections.at(-1) === true && recorder.connections.length === 3, { timeoutMs: 5_000, message: 'reconnected' });
    running.fake.setPrice(43651, { lastPaise: 9_000 });
    await nextTick(recorder, MD_PUT, (tick) => tick.lastPrice === 9_000, 'ticks after the outage');
    expect(recorder.sessionEnds).toEqual([]);
  });

  it('xts-md-second-login-detected: a login elsewhere ends the stream once (BROKER_SESSION_EXPIRED); no reconnect, no re-login, REST refused unsent', async () => {
    const running = (harness = await startXtsMdHarness());
    const recorder = running.openStream();
    await connected(recorder);
    await recorder.stream.subscribe(1501, [MD_CALL]);
    running.fake.loginElsewhere();
    await waitUntil(() => recorder.sessionEnds.length > 0, { timeoutMs: 5_000, message: 'session end surfaced' });
    // Told by the socket's logout event, before any reconnect could be refused.
    expect(recorder.sessionEnds[0]).toMatchObject({ code: 'BROKER_SESSION_EXPIRED', details: { raw: 'Logged in from another session' } });
    const handshakes = running.fake.stats.handshakes;
    expect(handshakes).toBe(1);
    const requests = running.fake.requests.length;
    await delay(QUIET_MS);
    expect(running.fake.stats.handshakes).toBe(handshakes);
    expect(recorder.sessionEnds).toHaveLength(1);
    expect(recorder.connections.at(-1)).toBe(false);
    await expect(running.client.quotes(1501, [{ segment: 'NSEFO', exchangeInstrumentId: 43650 }])).rejects.toMatchObject({ code: 'BROKER_SESSION_EXPIRED' });
    await expect(recorder.stream.subscribe(1501, [MD_FUT])).rejects.toMatchObject({ code: 'BROKER_SESSION_EXPIRED' });
    expect(running.fake.requests.length).toBe(requests);
    expect(running.fake.requests.filter((request) => request.path === '/auth/login')).toHaveLength(1);
  });

  it('token-expiry: the reconnect after an expired token is refused ("Invalid Token") → one BROKER_SESSION_EXPIRED, and no reconnect loop', async () => {
    const running = (harness = await startXtsMdHarness());
    const recorder = running.openStream({ engineIo: 4 });
    await connected(recorder);
    await recorder.stream.subscribe(1501, [MD_CALL]);
    running.fake.expireToken({ dropSockets: true });
    await waitUntil(() => recorder.sessionEnds.length > 0, { timeoutMs: 5_000, message: 'session end surfaced' });
    expect(recorder.sessionEnds[0]).toMatchObject({ code: 'BROKER_SESSION_EXPIRED' });
    await delay(QUIET_MS);
    expect(running.fake.stats.handshakes).toBe(2);
    expect(recorder.sessionEnds).toHaveLength(1);
    expect(running.client.http.sessionEnded?.code).toBe('BROKER_SESSION_EXPIRED');
  });

  it('token-expiry heard over REST ends the stream too: the socket closes and is not reopened', async () => {
    const running = (harness = await startXtsMdHarness());
    const recorder = running.openStream();
    await connected(recorder);
    running.fake.expireToken();
    await expect(recorder.stream.subscribe(1501, [MD_CALL])).rejects.toMatchObject({ code: 'BROKER_SESSION_EXPIRED' });
    expect(recorder.sessionEnds).toHaveLength(1);
    await waitUntil(() => recorder.connections.at(-1) === false, { timeoutMs: 5_000, message: 'socket closed' });
    await delay(QUIET_MS);
    expect(running.fake.stats.handshakes).toBe(1);
    expect(recorder.sessionEnds).toHaveLength(1);
  });

  it('token-expiry behind silent refusals: after two failed reconnects the session is probed over REST, found dead, and the stream stops', async () => {
    const running = (harness = await startXtsMdHarness());
    const recorder = running.openStream();
    await connected(recorder);
    await recorder.stream.subscribe(1501, [MD_CALL]);
    // The server now refuses sockets without naming the token.
    running.fake.faults.socketsDown = true;
    running.fake.expireToken({ dropSockets: true });
    await waitUntil(() => recorder.sessionEnds.length > 0, { timeoutMs: 5_000, message: 'session end surfaced' });
    expect(recorder.sessionEnds[0]).toMatchObject({ code: 'BROKER_SESSION_EXPIRED', details: { brokerMessage: 'Invalid Token' } });
    const handshakes = running.fake.stats.handshakes;
    await delay(QUIET_MS);
    expect(running.fake.stats.handshakes).toBe(handshakes);
    expect(handshakes).toBeLessThanOrEqual(4);
    expect(recorder.sessionEnds).toHaveLength(1);
  });
});
