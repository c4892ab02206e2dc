import { describe, expect, it } from 'vitest';
import { asInstrumentId, paise, type PortfolioId, type PortfolioLive, type PortfolioStatus } from '@strikedesk/domain';
import { portfolioActionState } from './portfolio-action-state.ts';

const live = (netQuantity: number, status: PortfolioStatus = 'STOPPED'): PortfolioLive => ({
  portfolioId: 'p1' as PortfolioId,
  status,
  mtm: 0,
  peakMtm: null,
  netDelta: null,
  legs: [{ instrumentId: asInstrumentId('NFO:NIFTY26D0826050CE'), netQuantity, averagePrice: paise(5_655), lastPrice: paise(5_480), pnl: 11_375 }],
});

const enabled = (state: ReturnType<typeof portfolioActionState>) =>
  Object.fromEntries(Object.entries(state).map(([action, availability]) => [action, availability.enabled]));

describe('portfolioActionState', () => {
  it('a stopped portfolio still holding positions can only exit: the engine refuses Start and Delete then', () => {
    const state = portfolioActionState('STOPPED', live(-65), false);
    expect(enabled(state)).toEqual({ start: false, exit: true, stop: false, remove: false });
    expect(state.start.reason).toBe('It still holds positions from its last run: exit them first.');
    expect(state.remove.reason).toBe('It still holds positions from its last run: exit them first.');
  });

  it('a failed portfolio left holding a leg can exit, not start again', () => {
    expect(enabled(portfolioActionState('FAILED', live(75, 'FAILED'), false))).toEqual({ start: false, exit: true, stop: false, remove: false });
  });

  it('a flat stopped, closed or draft portfolio can start and be deleted, not exit', () => {
    for (const status of ['STOPPED', 'CLOSED', 'DRAFT'] as const) {
      expect(enabled(portfolioActionState(status, status === 'DRAFT' ? null : live(0, status), false))).toEqual({ start: true, exit: false, stop: false, remove: true });
    }
  });

  it('unsaved changes hold Start back', () => {
    expect(portfolioActionState('DRAFT', null, true).start).toEqual({ enabled: false, reason: 'Save your changes first.' });
  });

  it('a running portfolio can exit and stop (not while exiting), never start or be deleted', () => {
    expect(enabled(portfolioActionState('ACTIVE', live(-65, 'ACTIVE'), false))).toEqual({ start: false, exit: true, stop: true, remove: false });
    expect(enabled(portfolioActionState('WAITING_ENTRY', null, false))).toEqual({ start: false, exit: false, stop: true, remove: false });
    expect(enabled(portfolioActionState('EXITING', live(-65, 'EXITING'), false))).toEqual({ start: false, exit: false, stop: false, remove: false });
  });
});
