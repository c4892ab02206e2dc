import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRPCClientError } from '@trpc/client';
import type { OptionChain } from '@strikedesk/domain';
import type { TestDatabase } from '@strikedesk/db/testing';
import { loadEngineConfig } from '../config/engine-config.ts';
import type { RunningEngine } from '../engine.ts';
import { smileVolatility } from '../market/market-simulator.ts';
import { connectEngine } from '../testing/engine-client.ts';
import { ManualClock, TEST_START, createTestDatabase, startTestEngine } from '../testing/test-engine.ts';
import { waitUntil } from '@strikedesk/domain/testing';

let database: TestDatabase;
let engine: RunningEngine;
let connection: ReturnType<typeof connectEngine>;
const clock = new ManualClock(TEST_START);
const nifty = loadEngineConfig().simulation;
const TICK = 5;

beforeAll(async () => {
  database = await createTestDatabase();
  engine = await startTestEngine(database, clock);
  connection = connectEngine(engine.url);
});
afterAll(async () => {
  connection?.close();
  await engine?.close();
  await database?.drop();
});

const mid = (option: { bid: number | null; ask: number | null; lastPrice: number }): number =>
  option.bid !== null && option.ask !== null ? (option.bid + option.ask) / 2 : option.lastPrice;

describe('chain for NIFTY, nearest expiry', () => {
  let chain: OptionChain;
  beforeAll(async () => {
    const expiries = await connection.client.chain.expiries.query({ underlying: 'nifty' });
    expect(expiries[0]).toEqual({ expiry: '2026-12-15', expiryType: 'WEEKLY' });
    expect(expiries.map((e) => e.expiry)).toEqual([...expiries.map((e) => e.expiry)].sort());
    chain = await connection.client.chain.get.query({ underlying: 'NIFTY', expiry: expiries[0]?.expiry ?? '', strikesEachSide: 10 });
  });

  it('has rows sorted by strike around the ATM nearest the forward', () => {
    expect(chain.rows).toHaveLength(21);
    const strikes = chain.rows.map((row) => row.strike);
    expect(strikes).toEqual([...strikes].sort((a, b) => a - b));
    expect(chain.rows[10]?.strike).toBe(chain.atmStrike);
    // ATM is the listed strike nearest the forward (strike step ₹50 = 5000 paise).
    expect(Math.abs(chain.atmStrike - chain.forward * 100)).toBeLessThanOrEqual(2_500);
    expect(chain.future).toBeNull(); // a weekly: no listed future of this expiry, the forward is implied
    expect(chain.lotSize).toBe(65);
    expect(chain.pcr).toBeGreaterThan(0);
    expect(strikes).toContain(chain.maxPain);
  });

  it('recovers the simulator’s smile volatility at the ATM within the tick-rounding tolerance', () => {
    const params = nifty.underlyings['NIFTY'];
    if (!params) throw new Error('no NIFTY params');
    const trueForward = chain.spot * Math.exp(nifty.riskFreeRate * chain.timeToExpiryYears);
    const atm = chain.rows.find((row) => row.strike === chain.atmStrike);
    const call = atm?.call;
    if (!call?.iv || call.vega === null) throw new Error('ATM call without IV');
    const expected = smileVolatility(params, trueForward, chain.atmStrike);
    // A mid is within one tick of the model price and the implied forward within a tick of the
    // true one (× delta): three ticks of price, in vol through vega (₹/vol point → paise/unit vol).
    const tolerance = (3 * TICK) / (call.vega * 100 * 100);
    expect(Math.abs(call.iv - expected)).toBeLessThanOrEqual(tolerance);
    expect(tolerance).toBeLessThan(0.002); // the check is tight: a wrong forward or time fails it
    expect(chain.atmIv).toBeCloseTo(expected, 2);
  });

  it('has call delta decreasing in strike, put delta negative and put-call parity of mids', () => {
    const callDeltas = chain.rows.map((row) => row.call?.delta).filter((delta): delta is number => typeof delta === 'number');
    expect(callDeltas.length).toBeGreaterThan(15);
    for (let i = 1; i < callDeltas.length; i += 1) expect(callDeltas[i]).toBeLessThan(callDeltas[i - 1] as number);
    for (const row of chain.rows) if (row.put?.delta != null) expect(row.put.delta).toBeLessThan(0);
    const discount = Math.exp(-nifty.riskFreeRate * chain.timeToExpiryYears);
    for (const row of chain.rows) {
      if (!row.call || !row.put) throw new Error('missing option');
      const parity = discount * (chain.forward * 100 - row.strike);
      // Each mid is within a tick of its model price; the forward itself is implied from the ATM pair.
      expect(Math.abs(mid(row.call) - mid(row.put) - parity)).toBeLessThanOrEqual(3 * TICK);
      // The simulator knows the previous close's OI: the change is a whole number, never unknown.
      expect(Number.isInteger(row.call.openInterestChange)).toBe(true);
    }
  });

  it('refuses an unknown expiry and an unknown underlying with their codes', async () => {
    const noExpiry = await connection.client.chain.get.query({ underlying: 'NIFTY', expiry: '2026-12-16' }).catch((error: unknown) => error);
    expect((noExpiry as TRPCClientError<never>).data).toMatchObject({ appCode: 'EXPIRY_NOT_FOUND' });
    const noUnderlying = await connection.client.chain.expiries.query({ underlying: 'SENSEX' }).catch((error: unknown) => error);
    expect((noUnderlying as TRPCClientError<never>).data).toMatchObject({ appCode: 'INSTRUMENT_NOT_FOUND' });
  });
});

describe('PCR and max pain over every listed strike', () => {
  it('are the same whatever window is shown, and are computed over the whole series', async () => {
    const narrow = await connection.client.chain.get.query({ underlying: 'NIFTY', expiry: '2026-12-15', strikesEachSide: 5 });
    const wide = await connection.client.chain.get.query({ underlying: 'NIFTY', expiry: '2026-12-15', strikesEachSide: 30 });
    expect(wide.timestamp).toBe(narrow.timestamp); // the same instant (the manual clock did not move)
    expect(narrow.rows.length).toBeLessThan(wide.rows.length);
    expect(narrow.pcr).not.toBeNull();
    expect(narrow.pcr).toBe(wide.pcr);
    expect(narrow.maxPain).toBe(wide.maxPain);
    // By hand over every listed strike of the series, from the market's own open interest.
    const series = engine.services.catalog.chains[0]?.expiries.find((candidate) => candidate.expiry === '2026-12-15');
    if (!series) throw new Error('no series');
    const oi = (id: string): number => engine.services.market.latest(id)?.openInterest ?? 0;
    const calls = series.strikes.reduce((sum, row) => sum + oi(row.call.id), 0);
    const puts = series.strikes.reduce((sum, row) => sum + oi(row.put.id), 0);
    expect(narrow.pcr).toBeCloseTo(puts / calls, 12);
    const payout = (settle: number): number =>
      series.strikes.reduce((sum, row) => sum + oi(row.call.id) * Math.max(settle - row.strike, 0) + oi(row.put.id) * Math.max(row.strike - settle, 0), 0);
    const best = series.strikes.reduce((a, b) => (payout(b.strike) < payout(a.strike) ? b : a));
    expect(narrow.maxPain).toBe(best.strike);
  });

  it('echoes strikesEachSide and the discount factor used for pricing', async () => {
    const chain = await connection.client.chain.get.query({ underlying: 'NIFTY', expiry: '2026-12-15', strikesEachSide: 20 });
    expect(chain.strikesEachSide).toBe(20);
    expect(chain.rows).toHaveLength(41);
    expect(chain.discountFactor).toBeCloseTo(Math.exp(-nifty.riskFreeRate * chain.timeToExpiryYears), 15);
  });
});

describe('chain.stream', () => {
  it('emits a fresh chain on underlying ticks, shares one recompute per query, and stops when unsubscribed', async () => {
    const query = { underlying: 'NIFTY', expiry: '2026-12-15', strikesEachSide: 5 as const };
    const first: OptionChain[] = [];
    const second: OptionChain[] = [];
    const a = connection.client.chain.stream.subscribe(query, { onData: (chain) => first.push(chain) });
    const b = connection.client.chain.stream.subscribe(query, { onData: (chain) => second.push(chain) });
    await waitUntil(() => first.length > 0 && second.length > 0, { message: 'initial chains' });
    expect(engine.services.chains.liveCount).toBe(1);
    const seenBefore = first.length;
    await waitUntil(() => {
      clock.advance(250);
      engine.runner.stepNow();
      return first.length >= seenBefore + 2 || undefined;
    }, { message: 'chains after ticks' });
    const latest = first.at(-1);
    expect(latest?.timestamp).toBeGreaterThan(first[0]?.timestamp ?? Infinity);
    expect(latest?.rows).toHaveLength(11);
    a.unsubscribe();
    b.unsubscribe();
    await waitUntil(() => engine.services.chains.liveCount === 0, { message: 'live chains released' });
  });
});
