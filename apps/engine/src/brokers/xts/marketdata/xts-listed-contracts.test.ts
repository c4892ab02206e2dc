import { describe, expect, it } from 'vitest';
import { loadEngineConfig } from '../../../config/engine-config.ts';
import { buildChainsFromMaster } from '../../../instruments/catalog-from-master.ts';
import { indexInstrument } from '../../../instruments/instrument-master.ts';
import { ListedContractSchema } from '../../../instruments/listed-contract.ts';
import { parseXtsInstrumentMaster, type XtsMasterInstrument } from './xts-instrument-master.ts';
import { parseXtsFeedKey, xtsFeedKey, xtsIndexContracts, xtsListedContracts } from './xts-listed-contracts.ts';

/** NSEFO rows in the master's pipe layout (see xts-instrument-master.ts); FreezeQty 1801 = 24 lots of 75, NSE style. */
const MASTER = [
  'NSEFO|43650|2|NIFTY|NIFTY26DEC24000CE|OPTIDX|NIFTY-OPTIDX|2612900043650|3010.5|0.05|1801|0.05|75|1|26000|NIFTY|2026-12-29T14:30:00|24000|3|NIFTY 29DEC2026 CE 24000|1|1|NIFTY26DEC24000CE',
  'NSEFO|43651|2|NIFTY|NIFTY26DEC24000PE|OPTIDX|NIFTY-OPTIDX|2612900043651|3010.5|0.05|1801|0.05|75|1|26000|NIFTY|2026-12-29T14:30:00|24000|4|NIFTY 29DEC2026 PE 24000|1|1|NIFTY26DEC24000PE',
  'NSEFO|35003|1|NIFTY|NIFTY26DECFUT|FUTIDX|NIFTY-FUTIDX|2612900035003|28000|23000|1801|0.1|75|1|26000|NIFTY|2026-12-29T14:30:00|NIFTY 29DEC2026|1|1|NIFTY26DECFUT',
].join('\n');

describe('xtsListedContracts', () => {
  const instruments = parseXtsInstrumentMaster(MASTER).instruments;
  const contracts = xtsListedContracts(instruments);

  it('keys each contract by segment and exchange instrument id, with the master freeze quantity', () => {
    expect(contracts).toEqual([
      { id: 'NFO:NIFTY26DEC24000CE', exchange: 'NFO', tradingSymbol: 'NIFTY26DEC24000CE', underlying: 'NIFTY', kind: 'CALL', expiry: '2026-12-29', strike: 2_400_000, lotSize: 75, tickSize: 5, freezeQuantity: 1800, feedKey: 'NSEFO:43650' },
      { id: 'NFO:NIFTY26DEC24000PE', exchange: 'NFO', tradingSymbol: 'NIFTY26DEC24000PE', underlying: 'NIFTY', kind: 'PUT', expiry: '2026-12-29', strike: 2_400_000, lotSize: 75, tickSize: 5, freezeQuantity: 1800, feedKey: 'NSEFO:43651' },
      { id: 'NFO:NIFTY26DECFUT', exchange: 'NFO', tradingSymbol: 'NIFTY26DECFUT', underlying: 'NIFTY', kind: 'FUTURE', expiry: '2026-12-29', strike: null, lotSize: 75, tickSize: 10, freezeQuantity: 1800, feedKey: 'NSEFO:35003' },
    ]);
    for (const contract of contracts) expect(ListedContractSchema.parse(JSON.parse(JSON.stringify(contract)))).toEqual(contract);
  });

  it('leaves a freeze quantity that is not a positive whole number to the spec', () => {
    // The parser keeps any non-zero FreezeQty it reads, so a bad row can carry a fraction or a negative.
    const base = instruments[0] as XtsMasterInstrument;
    const odd = [12.5, -20].map((freezeQuantity) => ({ ...base, freezeQuantity }));
    expect(xtsListedContracts(odd).map((c) => c.freezeQuantity)).toEqual([null, null]);
  });

  it('builds chains with the configured index, as the NSEFO master lists none', () => {
    const specs = loadEngineConfig().underlyings;
    const result = buildChainsFromMaster({ specs, contracts, asOf: '2026-12-09' });
    const nifty = result.chains.find((chain) => chain.spec.underlying === 'NIFTY');
    const niftySpec = specs.find((spec) => spec.underlying === 'NIFTY');
    if (!niftySpec) throw new Error('no NIFTY in the engine config');
    expect(nifty?.index).toEqual(indexInstrument(niftySpec));
    expect(nifty?.future).toMatchObject({ id: 'NFO:NIFTY26DECFUT', lotSize: 75, tickSize: 10, freezeQuantity: 1800 });
    expect(nifty?.expiries.map((s) => [s.expiry, s.expiryType, s.strikes.map((row) => [row.call.id, row.put.freezeQuantity])])).toEqual([
      ['2026-12-29', 'MONTHLY', [['NFO:NIFTY26DEC24000CE', 1800]]],
    ]);
    expect(Object.fromEntries(result.feedKeys)).toEqual({ 'NFO:NIFTY26DECFUT': 'NSEFO:35003', 'NFO:NIFTY26DEC24000CE': 'NSEFO:43650', 'NFO:NIFTY26DEC24000PE': 'NSEFO:43651' });
    expect(result.missing).toEqual(['BANKNIFTY: no future and no option with both a call and a put listed on NFO expiring on or after 2026-12-09']);
  });
});

describe('xtsIndexContracts', () => {
  const nse = xtsIndexContracts('NSECM', [
    { name: 'NIFTY 50', exchangeInstrumentId: 26000 },
    { name: 'NIFTY BANK', exchangeInstrumentId: 26001 },
    { name: 'NIFTY IT', exchangeInstrumentId: 26003 },
  ]);

  it('lists each index as NSE:<name>, underlying mapped as Kite maps it, streamed by segment and id', () => {
    expect(nse[0]).toEqual({ id: 'NSE:NIFTY 50', exchange: 'NSE', tradingSymbol: 'NIFTY 50', underlying: 'NIFTY', kind: 'INDEX', expiry: null, strike: null, lotSize: 0, tickSize: 0, freezeQuantity: null, feedKey: 'NSECM:26000' });
    expect(nse.map((contract) => [contract.id, contract.underlying, contract.feedKey])).toEqual([
      ['NSE:NIFTY 50', 'NIFTY', 'NSECM:26000'],
      ['NSE:NIFTY BANK', 'BANKNIFTY', 'NSECM:26001'],
      ['NSE:NIFTY IT', 'NIFTY IT', 'NSECM:26003'],
    ]);
    for (const contract of nse) expect(ListedContractSchema.parse(JSON.parse(JSON.stringify(contract)))).toEqual(contract);
    expect(parseXtsFeedKey('NSECM:26000')).toEqual({ segment: 'NSECM', exchangeInstrumentId: 26000 });
  });

  it('BSECM indices are BSE', () => {
    expect(xtsIndexContracts('BSECM', [{ name: 'SENSEX', exchangeInstrumentId: 1 }, { name: 'BANKEX', exchangeInstrumentId: 12 }])).toMatchObject([
      { id: 'BSE:SENSEX', exchange: 'BSE', underlying: 'SENSEX', feedKey: 'BSECM:1' },
      { id: 'BSE:BANKEX', exchange: 'BSE', underlying: 'BANKEX', feedKey: 'BSECM:12' },
    ]);
  });

  it('skips names an instrument id cannot hold and keeps the first of a repeated name', () => {
    // Published lists repeat a name ("NIFTY GS 10YR" twice); lower case and "." are not in our ids.
    const contracts = xtsIndexContracts('NSECM', [
      { name: 'NIFTY GS 10YR', exchangeInstrumentId: 26032 },
      { name: 'NIFTY GS 10YR', exchangeInstrumentId: 26033 },
      { name: 'Nifty 50', exchangeInstrumentId: 26000 },
      { name: 'S.P. 500', exchangeInstrumentId: 9 },
      { name: 'X'.repeat(41), exchangeInstrumentId: 10 },
    ]);
    expect(contracts.map((contract) => [contract.id, contract.feedKey])).toEqual([['NSE:NIFTY GS 10YR', 'NSECM:26032']]);
  });

  it('gives the chains the listed index and its feed key', () => {
    const specs = loadEngineConfig().underlyings;
    const result = buildChainsFromMaster({ specs, contracts: [...xtsListedContracts(parseXtsInstrumentMaster(MASTER).instruments), ...nse], asOf: '2026-12-09' });
    const nifty = result.chains.find((chain) => chain.spec.underlying === 'NIFTY');
    expect(nifty?.index).toMatchObject({ id: 'NSE:NIFTY 50', kind: 'INDEX', lotSize: 1, tickSize: 5, tradable: false });
    expect(result.feedKeys.get('NSE:NIFTY 50')).toBe('NSECM:26000');
  });
});

describe('parseXtsFeedKey', () => {
  it('reads back what xtsFeedKey writes', () => {
    expect(parseXtsFeedKey(xtsFeedKey('NSEFO', 43650))).toEqual({ segment: 'NSEFO', exchangeInstrumentId: 43650 });
    expect(parseXtsFeedKey('BSEFO:873812')).toEqual({ segment: 'BSEFO', exchangeInstrumentId: 873812 });
  });

  it('rejects keys of other segments or shapes', () => {
    for (const key of ['NSECD:1', 'MCXFO:1', 'nsefo:1', 'NSEFO:', 'NSEFO:12a', 'NSEFO:-1', '43650', 'NSEFO:1:2', '2:43650', 'constructor:1', '']) {
      expect(parseXtsFeedKey(key), key).toBeNull();
    }
  });
});
