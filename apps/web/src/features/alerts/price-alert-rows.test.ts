import { describe, expect, it } from 'vitest';
import { asAccountId, asInstrumentId, type Instrument, type PriceAlert, type PriceAlertId, type TradingAccount } from '@strikedesk/domain';
import { priceAlertRows } from './price-alert-rows.ts';

const future = { id: asInstrumentId('NFO:NIFTY26DECFUT'), displayName: 'NIFTY DEC FUT' } as Instrument;
const alert = (id: string, ocoWith: string | null) => ({ id: id as PriceAlertId, instrumentId: future.id, ocoWith: ocoWith as PriceAlertId | null }) as PriceAlert;

describe('the alerts list’s rows', () => {
  it('carry each leg of an OCO pair’s other leg, found in the same list; none for a plain alert or one whose pair is not listed', () => {
    const [target, stop, plain, orphan] = [alert('a', 'b'), alert('b', 'a'), alert('c', null), alert('d', 'old')];
    const rows = priceAlertRows([target, stop, plain, orphan], new Map([[future.id, future]]));
    expect(rows.map((row) => [row.alert.id, row.pair?.id, row.instrument?.displayName])).toEqual([
      ['a', 'b', 'NIFTY DEC FUT'],
      ['b', 'a', 'NIFTY DEC FUT'],
      ['c', undefined, 'NIFTY DEC FUT'],
      ['d', undefined, 'NIFTY DEC FUT'],
    ]);
    expect(priceAlertRows([plain], new Map())[0]?.instrument).toBeUndefined();
  });

  it("name a GTT's account when the trader has more than one (the terminal may be on the other), never a plain alert's", () => {
    const paper = { id: asAccountId('aaaaaaaa-0000-4aaa-8aaa-aaaaaaaaaaaa'), name: 'Paper', kind: 'paper', brokerAccount: null } as TradingAccount;
    const live = { id: asAccountId('bbbbbbbb-0000-4bbb-8bbb-bbbbbbbbbbbb'), name: 'Zerodha', kind: 'live', brokerAccount: { name: 'Kite AB1234' } } as TradingAccount;
    const gtt = (accountId: string) => ({ ...alert('g', null), accountId }) as PriceAlert;
    const onLive = gtt(live.id);
    const gone = gtt('cccccccc-0000-4ccc-8ccc-cccccccccccc');
    const plain = { ...alert('p', null), accountId: null } as PriceAlert;
    expect(priceAlertRows([onLive, gone, plain], new Map(), [paper, live]).map((row) => row.account)).toEqual(['Kite AB1234', 'another account', undefined]);
    expect(priceAlertRows([onLive], new Map(), [live])[0]?.account).toBeUndefined();
  });
});
