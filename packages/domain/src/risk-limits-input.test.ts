import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_LIMITS, SetRiskLimitsInputSchema } from './risk-limits.ts';
import { paise } from './money.ts';

const input = (limits: Partial<typeof DEFAULT_RISK_LIMITS>) => ({ accountId: '11111111-1111-4111-8111-111111111111', baseVersion: 0, limits: { ...DEFAULT_RISK_LIMITS, ...limits } });

describe('an admin setting money limits', () => {
  it('refuses ₹0 and negative daily-loss and order-value limits (off is empty), and takes positive ones', () => {
    for (const amount of [0, -1_000_00]) {
      expect(SetRiskLimitsInputSchema.safeParse(input({ dailyLossLimit: paise(amount) })).success).toBe(false);
      expect(SetRiskLimitsInputSchema.safeParse(input({ maxOrderValue: paise(amount) })).success).toBe(false);
    }
    expect(SetRiskLimitsInputSchema.parse(input({ dailyLossLimit: paise(40_000_00), maxOrderValue: null })).limits).toMatchObject({ dailyLossLimit: 40_000_00, maxOrderValue: null });
  });
});
