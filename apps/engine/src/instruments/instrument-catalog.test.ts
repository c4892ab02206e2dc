import { describe, expect, it } from 'vitest';
import { InstrumentSchema, paise } from '@strikedesk/domain';
import { loadEngineConfig } from '../config/engine-config.ts';
import { InstrumentCatalog } from './instrument-catalog.ts';
import { buildInstrumentMaster } from './instrument-master.ts';

const config = loadEngineConfig();
const spots = new Map([
  ['NIFTY', paise(2_601_234)],
  ['BANKNIFTY', paise(5_904_321)],
]);
const catalog = new InstrumentCatalog(buildInstrumentMaster({ specs: config.underlyings, spots, asOf: '2026-12-09', holidays: new Set() }));
/** 11:00 IST on the listing's day. */
const NOW = Date.UTC(2026, 11, 9, 5, 30);

describe('instrument master', () => {
  it('every instrument is valid and ids are unique', () => {
    for (const instrument of catalog.all) InstrumentSchema.parse(instrument);
    expect(new Set(catalog.all.map((i) => i.id)).size).toBe(catalog.all.length);
  });

  it('lists the indices (not tradable) and near-month futures', () => {
    expect(catalog.get('NSE:NIFTY 50')).toMatchObject({ kind: 'INDEX', tradable: false });
    expect(catalog.get('NSE:NIFTY BANK')).toMatchObject({ kind: 'INDEX', tradable: false });
    expect(catalog.get('NFO:NIFTY26DECFUT')).toMatchObject({ kind: 'FUTURE', expiry: '2026-12-29', lotSize: 65, freezeQuantity: 1755, tradable: true });
    expect(catalog.get('NFO:BANKNIFTY26DECFUT')).toMatchObject({ lotSize: 30, freezeQuantity: 600 });
  });

  it('centres strikes on the ATM with the configured step, both rights, per expiry', () => {
    const nifty = catalog.chains.find((c) => c.spec.underlying === 'NIFTY');
    const first = nifty?.expiries[0];
    expect(first?.expiry).toBe('2026-12-15');
    expect(first?.expiryType).toBe('WEEKLY');
    const strikes = first?.strikes.map((row) => row.strike) ?? [];
    const each = nifty?.spec.strikesEachSide ?? 0;
    expect(strikes).toHaveLength(2 * each + 1);
    expect(strikes[each]).toBe(2_600_000); // ATM of 26012.34 on a 50-point grid
    expect(strikes[1]! - strikes[0]!).toBe(5_000);
    expect(catalog.get('NFO:NIFTY26D1526000CE')).toMatchObject({ kind: 'CALL', strike: 2_600_000, displayName: 'NIFTY 15 DEC 26000 CE' });
    expect(catalog.get('NFO:NIFTY26DEC26000PE')).toMatchObject({ kind: 'PUT', expiryType: 'MONTHLY' });
    expect(catalog.chains.find((c) => c.spec.underlying === 'BANKNIFTY')?.expiries.map((e) => e.expiryType)).toEqual(['MONTHLY', 'MONTHLY', 'MONTHLY']);
  });
});

describe('instrument search', () => {
  it('finds options by "nifty 24000 ce", calls only, NIFTY only', () => {
    const hits = catalog.search('nifty 24000 ce', 50, NOW);
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) {
      expect(hit.underlying).toBe('NIFTY');
      expect(hit.kind).toBe('CALL');
      expect(hit.strike).toBe(2_400_000);
    }
  });
  it('ranks an exact symbol first, then prefixes', () => {
    expect(catalog.search('NIFTY 50', 5, NOW)[0]?.id).toBe('NSE:NIFTY 50');
    expect(catalog.search('nifty26decfut', 5, NOW)[0]?.id).toBe('NFO:NIFTY26DECFUT');
    // A symbol prefix (BANKNIFTY…) outranks a later-word match (the index "NIFTY BANK").
    expect(catalog.search('bank', 3, NOW)[0]?.id).toBe('NFO:BANKNIFTY26DECFUT');
    expect(catalog.search('nifty bank', 3, NOW)[0]?.id).toBe('NSE:NIFTY BANK');
  });
  it('is case-insensitive, respects the limit and returns nothing for nonsense', () => {
    expect(catalog.search('BaNkNiFtY', 7, NOW)).toHaveLength(7);
    expect(catalog.search('zzzz', 10, NOW)).toEqual([]);
  });
  it('offers indices and futures for an empty query', () => {
    expect(catalog.search('', 10, NOW).map((i) => i.kind).every((kind) => kind === 'INDEX' || kind === 'FUTURE')).toBe(true);
  });
});

describe('a contract past its expiry close (15:30 IST on expiry day)', () => {
  const weekly = 'NFO:NIFTY26D1526000CE'; // expires 2026-12-15
  const closeMs = Date.UTC(2026, 11, 15, 10, 0);
  it('is still found and read, but no longer offered as tradable: every order in it would be CONTRACT_EXPIRED', () => {
    expect(catalog.getMany([weekly], closeMs - 60_000)[0]).toMatchObject({ id: weekly, tradable: true });
    expect(catalog.getMany([weekly], closeMs)[0]).toMatchObject({ id: weekly, tradable: false });
    expect(catalog.search('NIFTY 15 DEC 26000 CE', 1, closeMs - 60_000)[0]).toMatchObject({ id: weekly, tradable: true });
    expect(catalog.search('NIFTY 15 DEC 26000 CE', 1, closeMs)[0]).toMatchObject({ id: weekly, tradable: false });
  });
  it('comes after the live contracts of the same match: "nifty 26000 ce" then means next week\'s', () => {
    const before = catalog.search('nifty 26000 ce', 3, closeMs - 60_000).map((instrument) => instrument.id);
    const after = catalog.search('nifty 26000 ce', 3, closeMs).map((instrument) => instrument.id);
    expect(before[0]).toBe(weekly);
    expect(after).not.toContain(weekly);
    expect(after).toEqual(before.slice(1).concat(after.slice(2)));
  });
  it('leaves later expiries, and the catalog itself, as they were', () => {
    expect(catalog.getMany(['NFO:NIFTY26DEC26000PE', 'NFO:NIFTY26DECFUT'], closeMs).every((instrument) => instrument.tradable)).toBe(true);
    expect(catalog.get(weekly)?.tradable).toBe(true);
  });
});
