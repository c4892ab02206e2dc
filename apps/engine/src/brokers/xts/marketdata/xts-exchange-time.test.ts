import { describe, expect, it } from 'vitest';
import { asInstrumentId } from '@strikedesk/domain';
import { nseClosedReason } from '../../../market/market-hours.ts';
import { exchangeSeconds } from '../fake/fake-xts-market-payloads.ts';
import { LIVE_NIFTY_1501 } from './xts-message-fixtures.ts';
import { mergePartialMessage, parseFullMessage } from './xts-market-messages.ts';
import { toTick } from './to-tick.ts';

/**
 * NSE's exchange clock counts seconds from 1980-01-01 00:00 *IST* (NNF's epoch is local time), so
 * the Unix time is the value + 315,513,000 (1970→1980 less 5h30m), not + 315,532,800.
 *
 * The proof is a 1501 touchline for NIFTY 50 published in a live session: LastTradedPrice 22386,
 * Open 22339.05 and Close 22519.4 are NIFTY on 15 April 2024 (12 April closed at 22519.40,
 * 15 April opened at 22339.05 and closed at 22272.50). LastUpdateTime 1,397,650,179 is then
 * 12:09:39 IST, mid-session; read as UTC-based it would be 17:39:39 IST — after the close, with a
 * price that is not the close.
 */

describe('XTS exchange time (NSE segments)', () => {
  it('a live touchline is stamped at its real instant, inside the session it was published in', () => {
    const tick = toTick(asInstrumentId('NSE:NIFTY 50'), parseFullMessage(LIVE_NIFTY_1501)!, 0);
    expect(new Date(tick!.timestamp).toISOString()).toBe('2024-04-15T06:39:39.000Z'); // 12:09:39 IST
    expect(nseClosedReason(tick!.timestamp)).toBeNull();
  });

  it('partial messages (lut) use the same clock as full ones', () => {
    const state = parseFullMessage({ MessageCode: 1502, ExchangeSegment: 2, ExchangeInstrumentID: 43650, Touchline: { LastTradedPrice: 245.35 } })!;
    const tick = toTick(asInstrumentId('NFO:NIFTY26DEC24000CE'), mergePartialMessage(state, 't:2_43650,ltp:246,lut:1397650179'), 0);
    expect(new Date(tick!.timestamp).toISOString()).toBe('2024-04-15T06:39:39.000Z');
  });

  it('the fake XTS server writes the clock as XTS does: 12:09:39 IST on 15 April 2024 is 1,397,650,179', () => {
    expect(exchangeSeconds(Date.UTC(2024, 3, 15, 6, 39, 39), 1)).toBe(1_397_650_179);
    expect(exchangeSeconds(Date.UTC(2024, 3, 15, 6, 39, 39), 2)).toBe(1_397_650_179);
    // BSE counts Unix seconds.
    expect(exchangeSeconds(Date.UTC(2024, 3, 15, 6, 39, 39), 12)).toBe(Date.UTC(2024, 3, 15, 6, 39, 39) / 1000);
  });
});
