import { describe, expect, it } from 'vitest';
import { asAccountId, asUserId, type TradingHalt } from '@strikedesk/domain';
import { detailIds, haltConsequence, haltMismatches, haltSentence, istTimeText, ticketHaltNotice } from './halt-text.ts';

const ME = '00000000-0000-4000-8000-0000000000aa';
// 2026-12-05 09:02 UTC = 14:32 IST.
const ENGAGED = Date.UTC(2026, 11, 5, 9, 2);
const halt = (overrides: Partial<TradingHalt> = {}): TradingHalt => ({
  id: 7,
  scope: 'ACCOUNT',
  accountId: asAccountId('00000000-0000-4000-8000-000000000001'),
  kind: 'KILL_SWITCH',
  reason: 'fat finger',
  flatten: true,
  engagedBy: asUserId(ME),
  engagedAt: ENGAGED,
  releasedBy: null,
  releasedAt: null,
  releaseNote: null,
  details: {},
  ...overrides,
});

describe('halt text', () => {
  it('warns in the order ticket while a halt stops the account, and only then', () => {
    expect(ticketHaltNotice([])).toBeNull();
    expect(ticketHaltNotice([halt()])).toBe(
      'Trading halted — kill switch engaged on your account. New orders are refused until an admin releases it — closing orders and TradingView alerts (exits included) too; Square off on Positions still works.',
    );
    expect(ticketHaltNotice([halt({ kind: 'DAILY_LOSS', scope: 'GLOBAL' })])).toMatch(/^Trading halted — daily loss limit reached for every account\. .*reduce a position/);
  });

  it('says what, where, since when (IST), by whom and why', () => {
    expect(haltSentence(halt(), ME, ENGAGED + 60_000)).toBe('Kill switch engaged on your account since 14:32 IST by you: fat finger');
    expect(haltSentence(halt({ scope: 'GLOBAL', accountId: null, engagedBy: asUserId('00000000-0000-4000-8000-0000000000bb') }), ME, ENGAGED)).toBe(
      'Kill switch engaged for every account since 14:32 IST by an admin: fat finger',
    );
    expect(haltSentence(halt({ kind: 'RECONCILIATION', engagedBy: null, reason: 'unknown trade' }), ME, ENGAGED)).toBe(
      'Trading blocked for reconciliation on your account since 14:32 IST by the engine: unknown trade',
    );
  });

  it('says per kind what is still allowed and what ends the halt', () => {
    // Only the engine's square-off passes these halts: a ticket order that closes, or an exit alert, is denied.
    for (const kind of ['KILL_SWITCH', 'RECONCILIATION'] as const) {
      const text = haltConsequence(halt({ kind }));
      expect(text).toContain('until an admin releases it');
      expect(text).toContain('TradingView alerts (exits included)');
      expect(text).toContain('Square off on Positions still works');
      expect(text).not.toContain('squaring off is still allowed');
    }
    // A daily-loss stop lets a reducing alert through (the engine's reducesOnly), so it says so.
    expect(haltConsequence(halt({ kind: 'DAILY_LOSS' }))).toBe(
      'New orders are refused until an admin releases it; orders and TradingView alerts that only reduce a position towards flat are still allowed.',
    );
    const brokerSession = haltConsequence(halt({ kind: 'BROKER_SESSION' }));
    expect(brokerSession).toContain('reconnect the broker account');
    expect(brokerSession).toContain('squaring off and TradingView alerts included, is refused');
    expect(brokerSession).not.toContain('admin');
  });

  it('adds the date when the halt is from another day', () => {
    expect(istTimeText(ENGAGED, ENGAGED + 86_400_000)).toBe('5 Dec, 14:32 IST');
  });

  it('reads the details the engine recorded, ignoring anything malformed', () => {
    const details = {
      canceledOrderIds: ['o-1', 2, 'o-3'],
      mismatches: [{ kind: 'UNKNOWN_TRADE', key: 't-9', message: 'Trade t-9 matches no order' }, 'junk', { kind: 'X' }],
    };
    expect(detailIds(halt({ details }), 'canceledOrderIds')).toEqual(['o-1', 'o-3']);
    expect(detailIds(halt({ details }), 'exitOrderIds')).toEqual([]);
    expect(haltMismatches(halt({ details }))).toEqual([{ kind: 'UNKNOWN_TRADE', key: 't-9', message: 'Trade t-9 matches no order' }]);
  });
});
