import { describe, expect, it } from 'vitest';
import { ListedContractSchema } from '../../../instruments/listed-contract.ts';
import { parseInstrumentsCsv } from './kite-instruments.ts';
import { kiteListedContracts } from './kite-listed-contracts.ts';

/** Kite's master rows (../shared/reference/kite.md shape) as broker-neutral listed contracts. */
const CSV = [
  'instrument_token,exchange_token,tradingsymbol,name,last_price,expiry,strike,tick_size,lot_size,instrument_type,segment,exchange',
  '256265,1001,NIFTY 50,NIFTY 50,0.0,,0.0,0.0,0,EQ,INDICES,NSE',
  '13368322,52220,NIFTY26DECFUT,NIFTY,0.0,2026-12-29,0.0,0.1,65,FUT,NFO-FUT,NFO',
  '12073986,47164,BANKNIFTY18JAN23500CE,,2528.4,2018-01-25,23500.0,0.05,40,CE,NFO-OPT,NFO',
  '13370626,52229,NIFTY26D1524050PE,NIFTY,0.0,2026-12-15,24050.5,0.05,65,PE,NFO-OPT,NFO',
].join('\n');

describe('kiteListedContracts', () => {
  const contracts = kiteListedContracts(parseInstrumentsCsv(CSV).instruments);

  it('keys each contract by its instrument token and leaves the freeze quantity to the spec', () => {
    expect(contracts).toEqual([
      { id: 'NSE:NIFTY 50', exchange: 'NSE', tradingSymbol: 'NIFTY 50', underlying: 'NIFTY', kind: 'INDEX', expiry: null, strike: null, lotSize: 0, tickSize: 0, freezeQuantity: null, feedKey: '256265' },
      { id: 'NFO:NIFTY26DECFUT', exchange: 'NFO', tradingSymbol: 'NIFTY26DECFUT', underlying: 'NIFTY', kind: 'FUTURE', expiry: '2026-12-29', strike: null, lotSize: 65, tickSize: 10, freezeQuantity: null, feedKey: '13368322' },
      { id: 'NFO:BANKNIFTY18JAN23500CE', exchange: 'NFO', tradingSymbol: 'BANKNIFTY18JAN23500CE', underlying: 'BANKNIFTY', kind: 'CALL', expiry: '2018-01-25', strike: 2_350_000, lotSize: 40, tickSize: 5, freezeQuantity: null, feedKey: '12073986' },
      { id: 'NFO:NIFTY26D1524050PE', exchange: 'NFO', tradingSymbol: 'NIFTY26D1524050PE', underlying: 'NIFTY', kind: 'PUT', expiry: '2026-12-15', strike: 2_405_050, lotSize: 65, tickSize: 5, freezeQuantity: null, feedKey: '13370626' },
    ]);
  });

  it('produces what the cache schema reads back', () => {
    for (const contract of contracts) expect(ListedContractSchema.parse(JSON.parse(JSON.stringify(contract)))).toEqual(contract);
  });
});
