import { describe, expect, it } from 'vitest';
import { asInstrumentId, paise } from '@strikedesk/domain';
import type { LegResolution } from './leg-resolution.ts';
import { legPreviewText, unresolvedLegsWarning } from './start-preview.ts';

const resolved: LegResolution = {
  legId: 'L2',
  resolved: {
    legId: 'L2',
    side: 'SELL',
    kind: 'PE',
    instrumentId: asInstrumentId('NFO:NIFTY26D0826050PE'),
    strike: paise(2_605_000),
    expiry: '2026-12-08',
    quantity: 65,
    lotSize: 65,
    price: paise(7_040),
    iv: 0.13,
    delta: 0.55,
  },
  error: null,
  lastPrice: paise(7_040),
  entered: false,
  closed: false,
};
const unresolved: LegResolution = { legId: 'L1', resolved: null, error: 'Leg L1: No strike for CE ATM+40' };

describe('start preview', () => {
  it('names the instrument a leg would trade, or why it has none', () => {
    expect(legPreviewText('NIFTY', 'L2', resolved)).toBe(' → NIFTY 08 DEC 26050 PE');
    expect(legPreviewText('NIFTY', 'L1', unresolved)).toBe(' → no instrument now: No strike for CE ATM+40');
    expect(legPreviewText('NIFTY', 'L1', undefined)).toBe('');
  });

  it('warns that an immediate entry with an unresolvable leg fails at once', () => {
    expect(unresolvedLegsWarning({ kind: 'IMMEDIATE' }, [unresolved, resolved])).toBe(
      'Leg L1 has no instrument right now: an immediate entry would fail before any order. Fix the leg first.',
    );
    expect(unresolvedLegsWarning({ kind: 'AT_TIME' }, [unresolved, { ...unresolved, legId: 'L3' }])).toBe(
      'Legs L1, L3 have no instrument right now: unless the chain lists them by the time the entry fires, the entry fails before any order.',
    );
  });

  it('says nothing when every leg resolves or the chain is still loading', () => {
    expect(unresolvedLegsWarning({ kind: 'IMMEDIATE' }, [resolved, undefined])).toBeNull();
  });
});
