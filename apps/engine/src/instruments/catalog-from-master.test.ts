import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  InstrumentSchema,
  UnderlyingSpecSchema,
  asInstrumentId,
  derivativeTradingSymbol,
  paise,
  type UnderlyingSpec,
} from '@strikedesk/domain';
import { loadEngineConfig } from '../config/engine-config.ts';
import { parseInstrumentsCsv } from '../brokers/kite/rest/kite-instruments.ts';
import { kiteListedContracts } from '../brokers/kite/rest/kite-listed-contracts.ts';
import { buildChainsFromMaster, type MasterCatalog, type MasterCatalogInput } from './catalog-from-master.ts';
import { InstrumentCatalog } from './instrument-catalog.ts';
import { chainInstruments, indexInstrument } from './instrument-master.ts';
import { ListedContractSchema, type ListedContract } from './listed-contract.ts';

const ASOF = '2026-12-09';
const NIFTY: UnderlyingSpec = UnderlyingSpecSchema.parse({
  underlying: 'NIFTY',
  indexTradingSymbol: 'NIFTY 50',
  indexExchange: 'NSE',
  derivativesExchange: 'NFO',
  lotSize: 65,
  freezeQuantity: 1755,
  tickSize: 5,
  strikeStep: 5000,
  strikesEachSide: 2,
  weeklyExpiryWeekday: 2,
  weeklyExpiriesListed: 2,
  monthlyExpiryWeekday: 2,
  monthlyExpiriesListed: 1,
});
const specOf = (underlying: string): UnderlyingSpec => ({ ...NIFTY, underlying, indexTradingSymbol: underlying });

/** A derivative as a master lists it; symbols in the weekly format so every expiry's are distinct. */
function contract(underlying: string, kind: 'FUTURE' | 'CALL' | 'PUT', expiry: string, strikeRupees?: number, overrides: Partial<ListedContract> = {}): ListedContract {
  const exchange = overrides.exchange ?? 'NFO';
  const tradingSymbol = derivativeTradingSymbol({ underlying, expiry, expiryType: 'WEEKLY', kind, strikeRupees });
  return {
    id: asInstrumentId(`${exchange}:${tradingSymbol}`),
    exchange,
    tradingSymbol,
    underlying,
    kind,
    expiry,
    strike: strikeRupees === undefined ? null : paise(strikeRupees * 100),
    lotSize: 65,
    tickSize: paise(5),
    freezeQuantity: null,
    feedKey: `feed-${tradingSymbol}`,
    ...overrides,
  };
}
const options = (underlying: string, expiry: string, strikes: readonly number[], overrides: Partial<ListedContract> = {}): ListedContract[] =>
  strikes.flatMap((strike) => [contract(underlying, 'CALL', expiry, strike, overrides), contract(underlying, 'PUT', expiry, strike, overrides)]);
const range = (from: number, to: number, step: number): number[] => Array.from({ length: (to - from) / step + 1 }, (_, i) => from + i * step);

/** 11 strikes, 24000 in the middle (as NSE lists around the listing day's ATM). */
const STRIKES = range(23_500, 24_500, 100);
const NIFTY_MASTER: ListedContract[] = [
  contract('NIFTY', 'FUTURE', '2026-11-24'), // expired
  contract('NIFTY', 'FUTURE', '2027-01-26'),
  contract('NIFTY', 'FUTURE', '2026-12-29'),
  contract('NIFTY', 'FUTURE', '2027-02-23'),
  ...options('NIFTY', '2026-12-08', STRIKES), // expired the day before asOf
  ...options('NIFTY', '2026-12-15', STRIKES),
  ...options('NIFTY', '2026-12-22', STRIKES),
  ...options('NIFTY', '2026-12-29', STRIKES),
  ...options('NIFTY', '2027-01-05', STRIKES),
  ...options('NIFTY', '2027-01-26', STRIKES),
];

function build(overrides: Partial<MasterCatalogInput> = {}): MasterCatalog {
  return buildChainsFromMaster({ specs: [NIFTY], contracts: NIFTY_MASTER, asOf: ASOF, ...overrides });
}
function chainOf(result: MasterCatalog, underlying = 'NIFTY') {
  const chain = result.chains.find((c) => c.spec.underlying === underlying);
  if (!chain) throw new Error(`no ${underlying} chain; missing: ${result.missing.join(', ')}`);
  return chain;
}
const strikesOf = (result: MasterCatalog, position = 0): number[] => (chainOf(result).expiries[position]?.strikes ?? []).map((row) => row.strike / 100);
const expiriesOf = (result: MasterCatalog) => chainOf(result).expiries.map(({ expiry, expiryType }) => `${expiry} ${expiryType}`);

describe('chains from a broker master: expiries', () => {
  it('ignores what expired before asOf and takes the nearest future still listed', () => {
    const result = build();
    expect(chainOf(result).future.id).toBe('NFO:NIFTY26D29FUT');
    expect(chainOf(result).future).toMatchObject({ kind: 'FUTURE', expiry: '2026-12-29', expiryType: 'MONTHLY', strike: null, tradable: true });
    expect(chainOf(result).expiries.map((series) => series.expiry)).toEqual(['2026-12-15', '2026-12-22', '2026-12-29']);
    const ids = chainInstruments(result.chains).map((i) => i.id as string);
    expect(ids.filter((id) => id.includes('26D08') || id.includes('26N24'))).toEqual([]);
    expect([...result.feedKeys.keys()].filter((id) => id.includes('26D08') || id.includes('26N24'))).toEqual([]);
  });

  it('keeps an expiry on asOf itself (it trades until 15:30)', () => {
    expect(expiriesOf(build({ asOf: '2026-12-15' }))[0]).toBe('2026-12-15 WEEKLY');
    expect(expiriesOf(build({ asOf: '2026-12-16' }))[0]).toBe('2026-12-22 WEEKLY');
    expect(chainOf(build({ asOf: '2026-12-30' })).future.expiry).toBe('2027-01-26');
  });

  it('lists the nearest weekly + monthly count of expiries, at least one', () => {
    expect(expiriesOf(build({ specs: [{ ...NIFTY, weeklyExpiriesListed: 4, monthlyExpiriesListed: 1 }] }))).toEqual([
      '2026-12-15 WEEKLY',
      '2026-12-22 WEEKLY',
      '2026-12-29 MONTHLY',
      '2027-01-05 WEEKLY',
      '2027-01-26 MONTHLY',
    ]);
    expect(expiriesOf(build({ specs: [{ ...NIFTY, weeklyExpiriesListed: 0, monthlyExpiriesListed: 0 }] }))).toEqual(['2026-12-15 WEEKLY']);
  });

  it('calls an expiry monthly when it is the last listed of its month, not the last one selected', () => {
    // Two expiries selected: 22 Dec is the last selected in December, but 29 Dec is listed after it.
    expect(expiriesOf(build({ specs: [{ ...NIFTY, weeklyExpiriesListed: 1, monthlyExpiriesListed: 1 }] }))).toEqual(['2026-12-15 WEEKLY', '2026-12-22 WEEKLY']);
  });

  it("calls an expiry monthly when a future expires on it, even with a later expiry that month", () => {
    const master = [contract('NIFTY', 'FUTURE', '2026-12-24'), ...options('NIFTY', '2026-12-17', STRIKES), ...options('NIFTY', '2026-12-24', STRIKES), ...options('NIFTY', '2026-12-29', STRIKES)];
    expect(expiriesOf(build({ contracts: master }))).toEqual(['2026-12-17 WEEKLY', '2026-12-24 MONTHLY', '2026-12-29 MONTHLY']);
  });

  it("gives every option the expiry type of its series", () => {
    const chain = chainOf(build({ specs: [{ ...NIFTY, weeklyExpiriesListed: 4 }] }));
    expect(new Set(chain.expiries.map((s) => s.expiryType))).toEqual(new Set(['WEEKLY', 'MONTHLY']));
    for (const series of chain.expiries) {
      for (const row of series.strikes) {
        expect([row.call.expiryType, row.put.expiryType, row.call.expiry, row.put.expiry]).toEqual([series.expiryType, series.expiryType, series.expiry, series.expiry]);
      }
    }
  });

  it('skips an expiry that has no strike with both a call and a put', () => {
    const master = [...NIFTY_MASTER, contract('NIFTY', 'CALL', '2026-12-10', 24_000), contract('NIFTY', 'PUT', '2026-12-10', 24_100)];
    expect(chainOf(build({ contracts: master })).expiries.map((s) => s.expiry)).toEqual(['2026-12-15', '2026-12-22', '2026-12-29']);
  });
});

describe('chains from a broker master: strikes', () => {
  it('centres 2 × strikesEachSide + 1 strikes on the listed strike nearest the reference price', () => {
    const at = (rupees: number) => build({ referencePrices: new Map([['NIFTY', paise(rupees * 100)]]) });
    expect(strikesOf(at(24_012.34))).toEqual([23_800, 23_900, 24_000, 24_100, 24_200]);
    expect(strikesOf(at(24_260))).toEqual([24_100, 24_200, 24_300, 24_400, 24_500]);
    expect(strikesOf(at(24_050))).toEqual([23_900, 24_000, 24_100, 24_200, 24_300]); // a tie goes up
    // Near or beyond an end of the listing the window is cut there rather than shifted.
    expect(strikesOf(at(23_640))).toEqual([23_500, 23_600, 23_700, 23_800]);
    expect(strikesOf(at(30_000))).toEqual([24_300, 24_400, 24_500]);
  });

  it('centres on the middle listed strike without a reference price for that underlying', () => {
    expect(strikesOf(build())).toEqual([23_800, 23_900, 24_000, 24_100, 24_200]);
    expect(strikesOf(build({ referencePrices: new Map([['BANKNIFTY', paise(5_200_000)]]) }))).toEqual([23_800, 23_900, 24_000, 24_100, 24_200]);
    // The listing's middle, not the reference of a previous day: strikes added above move it.
    const extended = [...NIFTY_MASTER, ...options('NIFTY', '2026-12-15', [24_600, 24_700])];
    expect(strikesOf(build({ contracts: extended }))).toEqual([23_900, 24_000, 24_100, 24_200, 24_300]);
    expect(strikesOf(build({ contracts: extended }), 1)).toEqual([23_800, 23_900, 24_000, 24_100, 24_200]);
  });

  it('keeps a strike only where both its call and its put are listed', () => {
    const master = [...NIFTY_MASTER, contract('NIFTY', 'CALL', '2026-12-15', 24_050), contract('NIFTY', 'PUT', '2026-12-15', 23_950)];
    const result = build({ contracts: master, specs: [{ ...NIFTY, strikesEachSide: 3 }] });
    expect(strikesOf(result)).toEqual([23_700, 23_800, 23_900, 24_000, 24_100, 24_200, 24_300]);
    expect(result.feedKeys.has('NFO:NIFTY26D1524050CE')).toBe(false);
    expect(result.feedKeys.has('NFO:NIFTY26D1523950PE')).toBe(false);
  });

  it('orders chains as the specs, expiries and strikes ascending, and is independent of input order', () => {
    const banknifty = [contract('BANKNIFTY', 'FUTURE', '2026-12-29', undefined, { lotSize: 30 }), ...options('BANKNIFTY', '2026-12-29', range(51_000, 53_000, 100), { lotSize: 30 })];
    const specs = [NIFTY, specOf('BANKNIFTY')];
    const master = [...banknifty, ...NIFTY_MASTER];
    const forward = buildChainsFromMaster({ specs, contracts: master, asOf: ASOF });
    expect(forward.chains.map((c) => c.spec.underlying)).toEqual(['NIFTY', 'BANKNIFTY']);
    const shuffled = [...master.filter((_, i) => i % 2 === 1).reverse(), ...master.filter((_, i) => i % 2 === 0)];
    const backward = buildChainsFromMaster({ specs, contracts: shuffled, asOf: ASOF });
    expect(backward).toEqual(forward);
    expect([...backward.feedKeys.entries()].sort()).toEqual([...forward.feedKeys.entries()].sort());
    for (const chain of forward.chains) {
      const expiries = chain.expiries.map((s) => s.expiry);
      expect(expiries).toEqual([...expiries].sort());
      for (const series of chain.expiries) {
        const strikes = series.strikes.map((row) => row.strike);
        expect(strikes).toEqual([...strikes].sort((a, b) => a - b));
      }
    }
  });

  it('resolves two contracts for one slot by the smaller id, whatever their order', () => {
    const twin = contract('NIFTY', 'CALL', '2026-12-15', 24_000, { id: asInstrumentId('NFO:NIFTY26D1524000CE-X'), tradingSymbol: 'NIFTY26D1524000CE-X', feedKey: 'twin' });
    for (const master of [[...NIFTY_MASTER, twin], [twin, ...NIFTY_MASTER]]) {
      const result = build({ contracts: master });
      expect(chainOf(result).expiries[0]?.strikes[2]?.call.id).toBe('NFO:NIFTY26D1524000CE');
      expect(result.feedKeys.get('NFO:NIFTY26D1524000CE')).toBe('feed-NIFTY26D1524000CE');
      expect(result.feedKeys.has('NFO:NIFTY26D1524000CE-X')).toBe(false);
    }
  });
});

describe('chains from a broker master: instruments', () => {
  it('takes lot, tick and freeze quantity from the master over the spec (freeze falls back to the spec)', () => {
    const master = [
      contract('NIFTY', 'FUTURE', '2026-12-29', undefined, { lotSize: 75, tickSize: paise(10), freezeQuantity: 1800 }),
      ...options('NIFTY', '2026-12-15', STRIKES, { lotSize: 75, tickSize: paise(10) }),
      ...options('NIFTY', '2026-12-29', [24_000], { lotSize: 75 }),
    ];
    const chain = chainOf(build({ contracts: master }));
    expect(chain.future).toMatchObject({ lotSize: 75, tickSize: 10, freezeQuantity: 1800 });
    expect(chain.expiries[0]?.strikes[2]?.call).toEqual({
      id: 'NFO:NIFTY26D1524000CE',
      exchange: 'NFO',
      tradingSymbol: 'NIFTY26D1524000CE',
      underlying: 'NIFTY',
      displayName: 'NIFTY 15 DEC 24000 CE',
      kind: 'CALL',
      expiry: '2026-12-15',
      expiryType: 'WEEKLY',
      strike: 2_400_000,
      lotSize: 75,
      tickSize: 10,
      freezeQuantity: 1755,
      tradable: true,
    });
    expect(chain.expiries[0]?.strikes[2]?.put).toMatchObject({ kind: 'PUT', displayName: 'NIFTY 15 DEC 24000 PE', strike: 2_400_000 });
    // The chain's spec carries the lot size in force (the option chain view reads it there).
    expect(chain.spec.lotSize).toBe(75);
  });

  it('produces valid, unique instruments a catalog can hold, each with its feed key', () => {
    const result = build({ specs: [{ ...NIFTY, weeklyExpiriesListed: 4 }] });
    const all = chainInstruments(result.chains);
    for (const instrument of all) InstrumentSchema.parse(instrument);
    const catalog = new InstrumentCatalog(result.chains);
    expect(catalog.all).toHaveLength(1 + 1 + 5 * 5 * 2);
    expect(new Set(all.map((i) => i.id)).size).toBe(all.length);
    // Every listed chain instrument has a key; the configured index (not in this master) has none.
    expect([...result.feedKeys.keys()].sort()).toEqual(all.filter((i) => i.kind !== 'INDEX').map((i) => i.id as string).sort());
    for (const instrument of all.filter((i) => i.kind !== 'INDEX')) expect(result.feedKeys.get(instrument.id)).toBe(`feed-${instrument.tradingSymbol}`);
  });

  it('falls back to the configured index when the master lists none', () => {
    const result = build();
    expect(chainOf(result).index).toEqual(indexInstrument(NIFTY));
    expect(result.feedKeys.has('NSE:NIFTY 50')).toBe(false);
  });

  it("uses the master's index when listed, kept untradable with lot 1", () => {
    const listed: ListedContract = {
      ...contract('NIFTY', 'FUTURE', '2026-12-29'),
      id: asInstrumentId('NSE:NIFTY 50'),
      exchange: 'NSE',
      tradingSymbol: 'NIFTY 50',
      kind: 'INDEX',
      expiry: null,
      lotSize: 0,
      tickSize: paise(0),
      feedKey: '256265',
    };
    // Sorts before NIFTY 50, so only the preference for the configured symbol picks the right one.
    const otherIndex = { ...listed, id: asInstrumentId('NSE:NIFTY 100'), tradingSymbol: 'NIFTY 100', feedKey: '1' };
    // The same symbol on another exchange is not the configured index (and its id sorts first).
    const elsewhere = { ...listed, id: asInstrumentId('BSE:NIFTY 50'), exchange: 'BSE' as const, feedKey: '2' };
    const result = build({ contracts: [otherIndex, elsewhere, ...NIFTY_MASTER, listed] });
    expect(chainOf(result).index).toEqual({ ...indexInstrument(NIFTY), id: 'NSE:NIFTY 50', displayName: 'NIFTY 50' });
    expect(result.feedKeys.get('NSE:NIFTY 50')).toBe('256265');
    // Only one listed under another name: it is the underlying's index.
    const renamed = build({ contracts: [...NIFTY_MASTER, otherIndex] });
    expect(chainOf(renamed).index).toMatchObject({ id: 'NSE:NIFTY 100', kind: 'INDEX', tradable: false, lotSize: 1, tickSize: 5 });
  });

  it('leaves out, with a reason, spec underlyings the master lacks; ignores what no spec names', () => {
    const master = [
      ...NIFTY_MASTER,
      contract('BANKNIFTY', 'FUTURE', '2026-12-29'),
      ...options('BANKNIFTY', '2026-12-29', [52_000]).slice(0, 1), // a call without its put
      ...options('MIDCPNIFTY', '2026-12-29', [13_000]),
      contract('FINNIFTY', 'FUTURE', '2026-11-24'), // expired
      ...options('FINNIFTY', '2026-11-24', [24_000]),
      contract('RELIANCE', 'FUTURE', '2026-12-29'),
      ...options('RELIANCE', '2026-12-29', [1_500]),
      ...options('NIFTY', '2026-12-29', [24_000], { exchange: 'BFO' }), // NIFTY is traded on NFO (and BFO: sorts first)
    ];
    const specs = [NIFTY, specOf('BANKNIFTY'), specOf('MIDCPNIFTY'), specOf('FINNIFTY')];
    const result = buildChainsFromMaster({ specs, contracts: master, asOf: ASOF });
    expect(result.chains.map((c) => c.spec.underlying)).toEqual(['NIFTY']);
    expect(result.missing).toEqual([
      'BANKNIFTY: no option with both a call and a put listed on NFO expiring on or after 2026-12-09',
      'MIDCPNIFTY: no future listed on NFO expiring on or after 2026-12-09',
      'FINNIFTY: no future and no option with both a call and a put listed on NFO expiring on or after 2026-12-09',
    ]);
    expect([...result.feedKeys.keys()].filter((id) => !id.startsWith('NFO:NIFTY'))).toEqual([]);
    expect(chainInstruments(result.chains).some((i) => i.exchange === 'BFO')).toBe(false);
  });

  // Speed is the benchmark's business (docs/benchmarks.md), not a timed test's: this one checks a
  // full-size master builds the right chain.
  it('builds from a full-size master (100k contracts)', () => {
    const master: ListedContract[] = [contract('NIFTY', 'FUTURE', '2026-12-29')];
    const expiries = range(0, 19, 1).map((week) => new Date(Date.UTC(2026, 11, 15 + 7 * week)).toISOString().slice(0, 10));
    for (const expiry of expiries) master.push(...options('NIFTY', expiry, range(20_000, 34_950, 50)));
    for (let stock = 0; master.length < 100_000; stock += 1) master.push(...options(`STOCK${stock}`, '2026-12-29', range(100, 2_000, 20)));
    const result = buildChainsFromMaster({ specs: [NIFTY], contracts: master, asOf: ASOF, referencePrices: new Map([['NIFTY', paise(2_601_234)]]) });
    expect(strikesOf(result)).toEqual([25_900, 25_950, 26_000, 26_050, 26_100]);
  });
});

/** Kite's CSV as GET /instruments serves it (../shared/reference/kite.md): index, equity, futures, options. */
const KITE_CSV = [
  'instrument_token,exchange_token,tradingsymbol,name,last_price,expiry,strike,tick_size,lot_size,instrument_type,segment,exchange',
  '256265,1001,NIFTY 50,NIFTY 50,0.0,,0.0,0.0,0,EQ,INDICES,NSE',
  '260105,1016,NIFTY BANK,NIFTY BANK,0.0,,0.0,0.0,0,EQ,INDICES,NSE',
  '408065,1594,INFY,INFOSYS,0.0,,0.0,0.05,1,EQ,NSE,NSE',
  '13368322,52220,NIFTY26DECFUT,NIFTY,0.0,2026-12-29,0.0,0.1,65,FUT,NFO-FUT,NFO',
  '13368578,52221,NIFTY27JANFUT,NIFTY,0.0,2027-01-26,0.0,0.1,65,FUT,NFO-FUT,NFO',
  '13368834,52222,NIFTY26D0824000CE,NIFTY,0.0,2026-12-08,24000.0,0.05,65,CE,NFO-OPT,NFO',
  '13369090,52223,NIFTY26D0824000PE,NIFTY,0.0,2026-12-08,24000.0,0.05,65,PE,NFO-OPT,NFO',
  '13369346,52224,NIFTY26D1523950CE,NIFTY,0.0,2026-12-15,23950.0,0.05,65,CE,NFO-OPT,NFO',
  '13369602,52225,NIFTY26D1523950PE,NIFTY,0.0,2026-12-15,23950.0,0.05,65,PE,NFO-OPT,NFO',
  '13369858,52226,NIFTY26D1524000CE,NIFTY,0.0,2026-12-15,24000.0,0.05,65,CE,NFO-OPT,NFO',
  '13370114,52227,NIFTY26D1524000PE,NIFTY,0.0,2026-12-15,24000.0,0.05,65,PE,NFO-OPT,NFO',
  '13370370,52228,NIFTY26D1524050CE,NIFTY,0.0,2026-12-15,24050.0,0.05,65,CE,NFO-OPT,NFO',
  '13370626,52229,NIFTY26D1524050PE,NIFTY,0.0,2026-12-15,24050.0,0.05,65,PE,NFO-OPT,NFO',
  '13370882,52230,NIFTY26DEC24000CE,NIFTY,0.0,2026-12-29,24000.0,0.05,65,CE,NFO-OPT,NFO',
  '13371138,52231,NIFTY26DEC24000PE,NIFTY,0.0,2026-12-29,24000.0,0.05,65,PE,NFO-OPT,NFO',
  '13371394,52232,BANKNIFTY26DECFUT,BANKNIFTY,0.0,2026-12-29,0.0,0.2,30,FUT,NFO-FUT,NFO',
  '13371650,52233,BANKNIFTY26DEC52000CE,BANKNIFTY,0.0,2026-12-29,52000.0,0.05,30,CE,NFO-OPT,NFO',
  '13371906,52234,BANKNIFTY26DEC52000PE,BANKNIFTY,0.0,2026-12-29,52000.0,0.05,30,PE,NFO-OPT,NFO',
  '13372162,52235,BANKNIFTY26DEC52100CE,BANKNIFTY,0.0,2026-12-29,52100.0,0.05,30,CE,NFO-OPT,NFO',
].join('\r\n');

describe('chains from a Kite master', () => {
  const specs = loadEngineConfig().underlyings;
  const contracts = kiteListedContracts(parseInstrumentsCsv(KITE_CSV).instruments);

  it("builds the configured chains with Kite's symbols and tokens", () => {
    const result = buildChainsFromMaster({ specs, contracts, asOf: ASOF, referencePrices: new Map([['NIFTY', paise(2_401_234)]]) });
    expect(result.missing).toEqual([]);
    const nifty = chainOf(result);
    expect(nifty.index).toMatchObject({ id: 'NSE:NIFTY 50', kind: 'INDEX', tradable: false, lotSize: 1, tickSize: 5 });
    expect(nifty.future).toMatchObject({ id: 'NFO:NIFTY26DECFUT', displayName: 'NIFTY 29 DEC FUT', lotSize: 65, tickSize: 10, freezeQuantity: 1755 });
    expect(expiriesOf(result)).toEqual(['2026-12-15 WEEKLY', '2026-12-29 MONTHLY']);
    expect(strikesOf(result)).toEqual([23_950, 24_000, 24_050]);
    expect(nifty.expiries[1]?.strikes[0]?.put).toMatchObject({ id: 'NFO:NIFTY26DEC24000PE', displayName: 'NIFTY 29 DEC 24000 PE', expiryType: 'MONTHLY', tickSize: 5 });
    const banknifty = chainOf(result, 'BANKNIFTY');
    expect(banknifty.index.id).toBe('NSE:NIFTY BANK');
    expect(banknifty.future).toMatchObject({ id: 'NFO:BANKNIFTY26DECFUT', lotSize: 30, tickSize: 20, freezeQuantity: 600 });
    expect(banknifty.expiries.map((s) => s.strikes.map((row) => row.call.id))).toEqual([['NFO:BANKNIFTY26DEC52000CE']]);
    expect(Object.fromEntries(result.feedKeys)).toEqual({
      'NSE:NIFTY 50': '256265',
      'NFO:NIFTY26DECFUT': '13368322',
      'NFO:NIFTY26D1523950CE': '13369346',
      'NFO:NIFTY26D1523950PE': '13369602',
      'NFO:NIFTY26D1524000CE': '13369858',
      'NFO:NIFTY26D1524000PE': '13370114',
      'NFO:NIFTY26D1524050CE': '13370370',
      'NFO:NIFTY26D1524050PE': '13370626',
      'NFO:NIFTY26DEC24000CE': '13370882',
      'NFO:NIFTY26DEC24000PE': '13371138',
      'NSE:NIFTY BANK': '260105',
      'NFO:BANKNIFTY26DECFUT': '13371394',
      'NFO:BANKNIFTY26DEC52000CE': '13371650',
      'NFO:BANKNIFTY26DEC52000PE': '13371906',
    });
  });

  it('survives a JSON round trip through ListedContractSchema (the PostgreSQL cache)', () => {
    const cached = JSON.stringify(contracts);
    const restored = z.array(ListedContractSchema).parse(JSON.parse(cached));
    expect(restored).toEqual(contracts);
    expect(restored).toHaveLength(18);
    const input = { specs, asOf: ASOF };
    expect(buildChainsFromMaster({ ...input, contracts: restored })).toEqual(buildChainsFromMaster({ ...input, contracts }));
  });

  it('rejects cached rows that are not contracts', () => {
    const [row] = contracts;
    if (!row) throw new Error('no contracts parsed');
    const json = JSON.parse(JSON.stringify(row)) as Record<string, unknown>;
    expect(ListedContractSchema.safeParse(json).success).toBe(true);
    for (const broken of [
      { strike: 24_000.5 }, // not whole paise
      { id: 'NIFTY 50' }, // not EXCHANGE:SYMBOL
      { kind: 'SPREAD' },
      { expiry: '29-12-2026' },
      { feedKey: '' },
      { freezeQuantity: 0 },
      { tickSize: -5 },
    ]) {
      expect(ListedContractSchema.safeParse({ ...json, ...broken }).success, JSON.stringify(broken)).toBe(false);
    }
  });
});
