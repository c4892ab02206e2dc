import { describe, expect, it } from 'vitest';
import { asInstrumentId } from '@strikedesk/domain';
import { XtsInstrumentDirectory } from '../xts-instrument-directory.ts';
import { subscriptionGroups } from './xts-subscription-groups.ts';

const FUT = asInstrumentId('NFO:NIFTY26DECFUT');
const CALL = asInstrumentId('NFO:NIFTY26DEC24000CE');
const SENSEX_CALL = asInstrumentId('BFO:SENSEX26DEC85000CE');
const NIFTY = asInstrumentId('NSE:NIFTY 50');
const SENSEX = asInstrumentId('BSE:SENSEX');
const directory = new XtsInstrumentDirectory([
  { id: FUT, segment: 'NSEFO', exchangeInstrumentId: 35003 },
  { id: CALL, segment: 'NSEFO', exchangeInstrumentId: 43650 },
  { id: SENSEX_CALL, segment: 'BSEFO', exchangeInstrumentId: 873812 },
  { id: NIFTY, segment: 'NSECM', exchangeInstrumentId: 26000 },
  { id: SENSEX, segment: 'BSECM', exchangeInstrumentId: 1 },
]);

describe('subscriptionGroups', () => {
  it('puts indices (NSECM, BSECM) on the touchline first, then the rest on the feed’s code, each in the order given', () => {
    const groups = subscriptionGroups([FUT, NIFTY, CALL, SENSEX_CALL, SENSEX], directory, 1502);
    expect([...groups]).toEqual([
      [1501, [NIFTY, SENSEX]],
      [1502, [FUT, CALL, SENSEX_CALL]],
    ]);
  });

  it('a feed on the touchline or on LTP: indices stay on the touchline', () => {
    expect([...subscriptionGroups([FUT, NIFTY], directory, 1501)]).toEqual([[1501, [NIFTY, FUT]]]);
    expect([...subscriptionGroups([FUT, NIFTY], directory, 1512)]).toEqual([
      [1501, [NIFTY]],
      [1512, [FUT]],
    ]);
  });

  it('no indices or only indices: one group', () => {
    expect([...subscriptionGroups([FUT, CALL], directory, 1502)]).toEqual([[1502, [FUT, CALL]]]);
    expect([...subscriptionGroups([SENSEX], directory, 1502)]).toEqual([[1501, [SENSEX]]]);
    expect([...subscriptionGroups([], directory, 1502)]).toEqual([]);
  });

  it('with open interest: the derivatives again on 1510, after their prices; indices have none', () => {
    expect([...subscriptionGroups([FUT, NIFTY, CALL], directory, 1502, { openInterest: true })]).toEqual([
      [1501, [NIFTY]],
      [1502, [FUT, CALL]],
      [1510, [FUT, CALL]],
    ]);
    expect([...subscriptionGroups([NIFTY], directory, 1502, { openInterest: true })]).toEqual([[1501, [NIFTY]]]);
  });
});
