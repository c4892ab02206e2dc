import { describe, expect, it } from 'vitest';
import { eventDetailTexts } from './event-detail-text.ts';
import { alertIdText, istClockText, signalNoticeText, signalsEmptyText } from './signal-text.ts';

// 2026-12-05 09:02:07 UTC = 14:32:07 IST.
const AT = Date.UTC(2026, 11, 5, 9, 2, 7);

describe('signal text', () => {
  it('tells the time in IST, with the date on another day', () => {
    expect(istClockText(AT, AT + 60_000)).toBe('14:32:07');
    expect(istClockText(AT, AT + 86_400_000)).toBe('5 Dec, 14:32:07');
  });

  it('shows timeline details as a trader reads them: labelled, prices in rupees from paise, units grouped, no account id', () => {
    expect(eventDetailTexts({ orderId: 'o-7', status: 'FILLED', filledQuantity: 1_755, averagePrice: 2_401_050, reasonCode: null })).toEqual([
      'Order: o-7',
      'Status: FILLED',
      'Filled (units): 1,755',
      'Average price: ₹24,010.50',
    ]);
    expect(eventDetailTexts({ instrumentId: 'NFO:NIFTY26DECFUT', accountId: '300207c7-5b1e-4c7d-9a51-0c4f8d1e2a3b', currentUnits: 0, targetUnits: 130 })).toEqual([
      'Instrument: NFO:NIFTY26DECFUT',
      'Position before (units): 0',
      'Target position (units): 130',
    ]);
    expect(eventDetailTexts({ portfolioId: 'p-1', portfolioName: 'Short straddle' })).toEqual(['Portfolio: Short straddle']);
    expect(eventDetailTexts({ nested: { a: 1 }, somethingNew: 'x' })).toEqual(['nested: {"a":1}', 'somethingNew: x']);
  });

  it('words a notice only for signals that did not trade', () => {
    const update = { strategyName: 'NIFTY trend', reasonCode: 'WEBHOOK_MALFORMED_BODY', reasonMessage: 'The alert message is not valid JSON.' };
    expect(signalNoticeText({ ...update, status: 'REJECTED' })).toBe('Signal from NIFTY trend rejected: The alert message is not valid JSON.');
    expect(signalNoticeText({ ...update, status: 'FAILED', reasonMessage: null })).toBe('Signal from NIFTY trend failed: WEBHOOK_MALFORMED_BODY');
    expect(signalNoticeText({ ...update, status: 'EXECUTED' })).toBeNull();
    expect(signalNoticeText({ ...update, status: 'NO_ACTION' })).toBeNull();
  });

  it('states the body deduplication window the gateway applies (30 s), not a minute', () => {
    expect(alertIdText('tv-42')).toBe('tv-42');
    expect(alertIdText(null)).toContain('within 30 s');
    expect(alertIdText(null)).not.toContain('minute');
  });

  it('says a filter hides the signals rather than that none ever came', () => {
    expect(signalsEmptyText({ strategyId: '', status: '' })).toMatch(/^No signals yet/);
    const failed = signalsEmptyText({ strategyId: '', status: 'NO_ACTION' });
    expect(failed).toMatch(/^No NO ACTION signals\./);
    expect(failed).not.toContain('yet');
    expect(signalsEmptyText({ strategyId: 's-1', status: 'FAILED' }, 'NIFTY trend')).toMatch(/^No FAILED signals from NIFTY trend\./);
    expect(signalsEmptyText({ strategyId: 's-1', status: '' })).toMatch(/^No signals from this strategy\./);
  });
});
