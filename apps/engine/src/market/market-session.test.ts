import { describe, expect, it } from 'vitest';
import { IntradayCutoff } from '../risk/intraday-cutoff.ts';
import { MarketSessionRule } from './market-session.ts';

/** 2026-12-09 (a Wednesday) and 2026-12-12 (a Saturday) at hh:mm IST. */
const wednesday = (hours: number, minutes: number): number => Date.UTC(2026, 11, 9, hours - 5, minutes - 30);
const saturday = (hours: number, minutes: number): number => Date.UTC(2026, 11, 12, hours - 5, minutes - 30);
const noPositions = { netPositions: () => [], workingOrdersOf: () => [] };
const cutoffAt1515 = new IntradayCutoff(15 * 60 + 15, noPositions);
const noCutoff = new IntradayCutoff(null, noPositions);

describe('MarketSessionRule', () => {
  const nse = new MarketSessionRule({ alwaysOpen: false, holidays: new Set(['2026-12-25']), cutoff: cutoffAt1515 });

  it('says why NSE is closed: before the open, after the close, at the weekend, on a holiday', () => {
    expect([wednesday(9, 14), wednesday(9, 15), wednesday(15, 29), wednesday(15, 30)].map((at) => nse.closedReason(at))).toEqual(['BEFORE_OPEN', null, null, 'AFTER_CLOSE']);
    expect(nse.closedReason(saturday(11, 0))).toBe('WEEKEND');
    expect(nse.closedReason(Date.UTC(2026, 11, 25, 6, 0))).toBe('HOLIDAY'); // a Friday, 11:30 IST
    expect([nse.isOpen(wednesday(11, 0)), nse.isOpen(Date.UTC(2026, 11, 25, 6, 0))]).toEqual([true, false]);
  });

  it('tells when a DAY order placed at some instant has seen its session close (never in the always-open sandbox)', () => {
    expect(nse.dayOrderEnded(wednesday(14, 0), wednesday(15, 29))).toBe(false);
    expect(nse.dayOrderEnded(wednesday(14, 0), wednesday(15, 30))).toBe(true);
    expect(nse.dayOrderEnded(saturday(11, 0), saturday(12, 0) + 24 * 3_600_000)).toBe(false); // placed at the weekend: Monday's session
    const sandbox = new MarketSessionRule({ alwaysOpen: true, holidays: new Set(), cutoff: noCutoff });
    expect(sandbox.dayOrderEnded(wednesday(14, 0), wednesday(14, 0) + 3 * 24 * 3_600_000)).toBe(false);
  });

  it('describes the session with its hours and the MIS cut-off', () => {
    expect(nse.describe(wednesday(15, 20))).toEqual({
      at: wednesday(15, 20),
      closed: null,
      alwaysOpen: false,
      hours: { opens: '09:15', closes: '15:30' },
      intradaySquareOff: { at: '15:15', passed: true },
    });
  });

  it('is open at any hour when always open, and still reports a cut-off configured there', () => {
    const sandbox = new MarketSessionRule({ alwaysOpen: true, holidays: new Set(['2026-12-25']), cutoff: cutoffAt1515 });
    for (const at of [saturday(22, 0), Date.UTC(2026, 11, 25, 6, 0), wednesday(15, 40)]) {
      expect([sandbox.isOpen(at), sandbox.closedReason(at)]).toEqual([true, null]);
    }
    expect(sandbox.describe(wednesday(15, 40))).toMatchObject({ alwaysOpen: true, intradaySquareOff: { at: '15:15', passed: true } });
    expect(new MarketSessionRule({ alwaysOpen: true, holidays: new Set(), cutoff: noCutoff }).describe(wednesday(10, 0)).intradaySquareOff).toBeNull();
  });
});
