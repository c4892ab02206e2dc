import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_LIMITS, paise, type RiskLimits } from '@strikedesk/domain';
import { describeLimitChanges } from './risk-limit-fields.ts';
import { buildRiskLimits, toRiskLimitsForm } from './risk-limits-form.ts';

const limits: RiskLimits = { ...DEFAULT_RISK_LIMITS, maxOrderValue: paise(25_000_050), dailyLossLimit: paise(1_000_000), priceBandPercent: 7.5 };

describe('risk limits form', () => {
  it('round-trips every field exactly, rupees through integer paise', () => {
    const form = toRiskLimitsForm(limits);
    expect(form.maxOrderValue).toBe('250000.50');
    expect(form.dailyLossLimit).toBe('10000.00');
    expect(form.maxPositionLotsPerInstrument).toBe('');
    expect(buildRiskLimits(form)).toEqual({ ok: true, value: limits });
  });

  it('parses rupees without floating point (0.1 + 0.2 style values stay exact)', () => {
    const result = buildRiskLimits({ ...toRiskLimitsForm(limits), maxOrderValue: '1,00,000.30', dailyLossLimit: '0.29' });
    expect(result.ok && result.value.maxOrderValue).toBe(10_000_030);
    expect(result.ok && result.value.dailyLossLimit).toBe(29);
  });

  it('empty switches a limit off, except the per-second rate which is required', () => {
    const result = buildRiskLimits({ ...toRiskLimitsForm(limits), maxOrderLots: ' ', ordersPerSecond: '' });
    expect(result).toEqual({ ok: false, errors: { ordersPerSecond: 'Required.' } });
    const off = buildRiskLimits({ ...toRiskLimitsForm(limits), maxOrderLots: '' });
    expect(off.ok && off.value.maxOrderLots).toBeNull();
  });

  it('names each wrong field', () => {
    const result = buildRiskLimits({ ...toRiskLimitsForm(limits), maxOrderLots: '1.5', maxOrderValue: '12.345', priceBandPercent: 'ten', maxOpenOrders: '0' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(['maxOpenOrders', 'maxOrderLots', 'maxOrderValue', 'priceBandPercent']);
    expect(result.errors.maxOpenOrders).toMatch(/^Out of range/);
    expect(result.errors.maxOrderValue).toMatch(/rupee amount/);
  });

  it('refuses a zero or negative rupee amount and a band above 100%', () => {
    const result = buildRiskLimits({ ...toRiskLimitsForm(limits), dailyLossLimit: '0', maxOrderValue: '-5', priceBandPercent: '150' });
    expect(result.ok || Object.keys(result.errors).sort()).toEqual(['dailyLossLimit', 'maxOrderValue', 'priceBandPercent']);
  });
});

describe('limit changes between versions', () => {
  it('lists each changed field with its before and after', () => {
    const after: RiskLimits = { ...limits, maxOrderLots: 1, dailyLossLimit: null, squareOffOnDailyLoss: true };
    expect(describeLimitChanges(limits, after)).toEqual([
      'Max order size (lots): 500 lots → 1 lot',
      'Daily loss limit (₹): ₹10,000.00 → off',
      'Square off on daily loss: no → yes',
    ]);
    expect(describeLimitChanges(null, after)).toEqual([]);
    expect(describeLimitChanges(after, after)).toEqual([]);
  });
});
