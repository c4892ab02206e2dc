import { describe, expect, it } from 'vitest';
import { applyTemplate } from '@strikedesk/domain';
import { FormReader } from './form-reader.ts';
import { legCandidate, newLeg, toLegForm } from './leg-form.ts';

describe('leg form: order type', () => {
  it("a new leg uses the portfolio's order type; a leg's own type round-trips", () => {
    expect(newLeg([]).orderType).toBe('PORTFOLIO');
    expect(legCandidate(new FormReader(), newLeg([]), 0).orderType).toBeNull();
    const [leg] = applyTemplate('SHORT_STRADDLE');
    const form = toLegForm({ ...leg!, orderType: 'LIMIT' });
    expect(form.orderType).toBe('LIMIT');
    expect(legCandidate(new FormReader(), form, 0).orderType).toBe('LIMIT');
  });
});
