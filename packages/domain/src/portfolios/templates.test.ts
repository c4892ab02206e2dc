import { describe, expect, it } from 'vitest';
import { PortfolioLegSchema } from './portfolio-definition.ts';
import { applyTemplate, PORTFOLIO_TEMPLATE_IDS, PORTFOLIO_TEMPLATES } from './templates.ts';
import { domainErrorOf } from './test-chains.ts';

describe('PORTFOLIO_TEMPLATES', () => {
  it('offers every template once, legs numbered L1, L2, … and valid', () => {
    expect(PORTFOLIO_TEMPLATES.map((template) => template.id)).toEqual([...PORTFOLIO_TEMPLATE_IDS]);
    for (const template of PORTFOLIO_TEMPLATES) {
      expect(template.legs.map((leg) => leg.id)).toEqual(template.legs.map((_, index) => `L${index + 1}`));
      for (const leg of template.legs) expect(PortfolioLegSchema.safeParse(leg).success).toBe(true);
    }
  });

  it('builds the structures their names promise', () => {
    const shape = (id: string) =>
      applyTemplate(id).map((leg) => `${leg.side} ${leg.lots}×${leg.kind} ${leg.strike.mode === 'ATM_OFFSET' ? leg.strike.steps : '?'}${leg.expiry ? ` ${leg.expiry}` : ''}`);
    expect(shape('SHORT_STRADDLE')).toEqual(['SELL 1×CE 0', 'SELL 1×PE 0']);
    expect(shape('LONG_STRANGLE')).toEqual(['BUY 1×CE 4', 'BUY 1×PE -4']);
    expect(shape('IRON_CONDOR')).toEqual(['SELL 1×CE 4', 'BUY 1×CE 8', 'SELL 1×PE -4', 'BUY 1×PE -8']);
    expect(shape('IRON_FLY')).toEqual(['SELL 1×CE 0', 'BUY 1×CE 6', 'SELL 1×PE 0', 'BUY 1×PE -6']);
    expect(shape('BUTTERFLY')).toEqual(['BUY 1×CE -4', 'SELL 2×CE 0', 'BUY 1×CE 4']);
    expect(shape('CALENDAR')).toEqual(['SELL 1×CE 0 CURRENT_WEEK', 'BUY 1×CE 0 NEXT_WEEK']);
  });
});

describe('applyTemplate', () => {
  it('returns parsed legs with defaults, fresh on every call', () => {
    const first = applyTemplate('BULL_CALL_SPREAD');
    expect(first[0]).toEqual({
      id: 'L1',
      side: 'BUY',
      kind: 'CE',
      strike: { mode: 'ATM_OFFSET', steps: 0 },
      expiry: null,
      lots: 1,
      target: null,
      stopLoss: null,
      trailing: null,
      stopToCostAt: null,
      orderType: null,
    });
    const firstLeg = first[0];
    if (!firstLeg) throw new Error('template without legs');
    firstLeg.lots = 7;
    expect(applyTemplate('BULL_CALL_SPREAD')[0]?.lots).toBe(1);
  });

  it('rejects an unknown template', () => {
    const error = domainErrorOf(() => applyTemplate('COVERED_CALL'));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toBe('No portfolio template called COVERED_CALL.');
  });
});
