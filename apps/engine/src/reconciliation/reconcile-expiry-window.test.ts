import { describe, expect, it } from 'vitest';
import { expiryInstantMs } from '@strikedesk/domain';
import { nseSessionCloseAfter } from '../market/market-hours.ts';
import { accepted, ACCOUNT, filled, FUT, kinds, POLICY, stateOf, submitted } from '../testing/reconcile-fixtures.ts';
import { reconcileAccount } from './reconcile-account.ts';
import { reconcileStateOf } from './reconciler.ts';

/** 2026-(month)-(day) at hh:mm IST. */
const ist = (month: number, day: number, hours: number, minutes: number): number => Date.UTC(2026, month - 1, day, hours - 5, minutes - 30);
const HOLIDAYS = new Set(['2026-03-31']); // a Tuesday: that week's NIFTY expiry moves to Monday the 30th

/** A long future held here into its expiry, the broker's books flat after its end-of-day settlement. */
function positionDiffers(expiry: string, now: number): boolean {
  const state = stateOf(submitted(1), accepted(1), filled(1, 'T-1', 65));
  const closeAt = expiryInstantMs(expiry);
  const outcome = reconcileAccount({
    accountId: ACCOUNT,
    books: { orders: [], trades: [], positions: [] },
    state: reconcileStateOf(state, undefined, undefined, undefined, (id) => (id === FUT ? closeAt : undefined), (id) => (id === FUT ? (nseSessionCloseAfter(closeAt, HOLIDAYS) ?? undefined) : undefined)),
    now,
    startup: true,
    policy: POLICY,
  });
  return kinds(outcome).includes('POSITION_DIFFERS');
}

/**
 * An engine that missed an expiry close settles the position at the next session's first index
 * price; reconciliation leaves the position alone until then. It allowed 24 hours: after an expiry
 * moved to a Monday by a Tuesday holiday (or before a weekend), the next session starts 42+ hours
 * later, and an engine started that morning blocked the account (RECONCILIATION halt at start-up)
 * before the settlement had its price.
 */
describe('an expired position not settled yet, in reconciliation', () => {
  it('waits through the next trading session, however many holidays come before it', () => {
    expect(positionDiffers('2026-03-30', ist(4, 1, 8, 45))).toBe(false); // Wednesday morning's start
    expect(positionDiffers('2026-03-30', ist(4, 1, 15, 0))).toBe(false);
    expect(positionDiffers('2026-03-30', ist(4, 1, 15, 31))).toBe(true); // missed the whole next session
  });

  it('an ordinary expiry waits for the next day’s session, as before', () => {
    expect(positionDiffers('2026-12-08', ist(12, 9, 9, 0))).toBe(false);
    expect(positionDiffers('2026-12-08', ist(12, 9, 15, 31))).toBe(true);
  });

  it('the next session after a close is found over weekends and holidays', () => {
    expect(nseSessionCloseAfter(ist(3, 30, 15, 30), HOLIDAYS)).toBe(ist(4, 1, 15, 30));
    expect(nseSessionCloseAfter(ist(12, 11, 15, 30), HOLIDAYS)).toBe(ist(12, 14, 15, 30)); // Friday → Monday
    expect(nseSessionCloseAfter(ist(12, 11, 15, 29), HOLIDAYS)).toBe(ist(12, 11, 15, 30));
    expect(nseSessionCloseAfter(ist(12, 12, 11, 0), HOLIDAYS)).toBe(ist(12, 14, 15, 30)); // from a Saturday
  });
});
