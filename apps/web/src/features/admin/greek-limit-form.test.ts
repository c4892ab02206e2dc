import { describe, expect, it } from 'vitest';
import { buildGreekLimit } from './greek-limit-form.ts';

const accountId = '00000000-0000-4000-8000-000000000001';

describe('buildGreekLimit', () => {
  it('parses limits, empty meaning no limit', () => {
    const result = buildGreekLimit({ accountId, underlying: 'nifty', maxDelta: '1', maxVega: '' });
    expect(result).toEqual({ ok: true, value: { accountId, underlying: 'NIFTY', maxAbsDeltaLots: 1, maxAbsVegaRupees: null } });
    const both = buildGreekLimit({ accountId, underlying: 'BANKNIFTY', maxDelta: '2.5', maxVega: '10,000' });
    expect(both.ok && both.value.maxAbsVegaRupees).toBe(10_000);
  });

  it('refuses a missing user and non-positive limits', () => {
    expect(buildGreekLimit({ accountId: '', underlying: 'NIFTY', maxDelta: '1', maxVega: '' }).ok).toBe(false);
    expect(buildGreekLimit({ accountId, underlying: 'NIFTY', maxDelta: '0', maxVega: '' }).ok).toBe(false);
    expect(buildGreekLimit({ accountId, underlying: 'NIFTY', maxDelta: '-1', maxVega: '' }).ok).toBe(false);
    expect(buildGreekLimit({ accountId, underlying: 'NIFTY', maxDelta: '', maxVega: 'abc' }).ok).toBe(false);
  });
});
