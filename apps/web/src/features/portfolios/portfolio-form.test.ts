import { describe, expect, it } from 'vitest';
import { PortfolioDefinitionSchema } from '@strikedesk/domain';
import { fieldKeyOf, issueText } from './issue-fields.ts';
import { newLeg, nextLegId, parseLeg, toLegForm, type LegFormValues } from './leg-form.ts';
import { buildPortfolioDefinition, newPortfolioForm, toPortfolioForm, type PortfolioFormValues } from './portfolio-form.ts';

const everything = PortfolioDefinitionSchema.parse({
  settings: { name: 'Expiry condor', underlying: 'BANKNIFTY', expiry: 'NEXT_WEEK', product: 'NRML', lotMultiplier: 3, strategyTag: 'thursday' },
  legs: [
    {
      id: 'L1',
      side: 'SELL',
      kind: 'CE',
      strike: { mode: 'PREMIUM_CLOSEST', premium: 15_050 },
      lots: 2,
      target: { unit: 'PERCENT', percent: 50 },
      stopLoss: { unit: 'POINTS', points: 4_000 },
      trailing: { every: { unit: 'POINTS', points: 1_000 }, by: { unit: 'POINTS', points: 500 } },
      stopToCostAt: { unit: 'PERCENT', percent: 30 },
    },
    { id: 'L2', side: 'BUY', kind: 'PE', strike: { mode: 'DELTA_CLOSEST', delta: 0.15 }, expiry: 'CURRENT_MONTH', lots: 1 },
    { id: 'L3', side: 'BUY', kind: 'CE', strike: { mode: 'OTM_PERCENT', percent: -1.5 }, lots: 1 },
    { id: 'L4', side: 'SELL', kind: 'PE', strike: { mode: 'EXACT', strike: 4_850_000 }, lots: 1 },
    { id: 'L5', side: 'BUY', kind: 'FUT', strike: { mode: 'ATM_OFFSET', steps: 0 }, lots: 1 },
  ],
  execution: { legOrder: 'AS_LISTED', orderType: 'LIMIT', limitBufferPercent: 1, repriceAfterSeconds: 10, maxReprices: 5, maxRetries: 2, onLegFailure: 'COMPLETE', stopLossAtBroker: true },
  entry: {
    rule: { kind: 'RANGE_BREAKOUT', source: 'COMBINED_PREMIUM', windowStart: '09:20', windowEnd: '09:45', direction: 'DOWN' },
    conditions: [{ kind: 'UNDERLYING_ABOVE', level: 4_800_050 }],
  },
  exit: {
    target: { unit: 'RUPEES', amount: 500_000 },
    stopLoss: { unit: 'PERCENT_OF_PREMIUM', percent: 40 },
    trailing: { lockProfitAt: 200_000, trailBy: 50_000 },
    exitAt: '15:10',
    maxReentries: 2,
  },
  monitoring: { mode: 'CANDLE_CLOSE', candleMinutes: 15 },
  hedge: { deltaBand: 75, instrument: 'OPTION', maxHedges: 4 },
});

const withLegs = (form: PortfolioFormValues, count: number): PortfolioFormValues => {
  const legs: LegFormValues[] = [];
  for (let i = 0; i < count; i += 1) legs.push(newLeg(legs));
  return { ...form, settings: { ...form.settings, name: 'Test' }, legs };
};

describe('portfolio form', () => {
  it('round-trips a definition that uses every setting', () => {
    expect(buildPortfolioDefinition(toPortfolioForm(everything))).toEqual({ ok: true, value: everything });
  });

  it('keeps money exact: rupee text to paise and back', () => {
    const form = toPortfolioForm(everything);
    expect(form.legs[0]?.strikeValue).toBe('150.50');
    expect(form.legs[3]?.strikeValue).toBe('48500');
    expect(form.entry.conditions[0]?.level).toBe('48000.50');
    const typed = { ...form, exit: { ...form.exit, target: { unit: 'RUPEES' as const, value: '12,345.67' } } };
    const built = buildPortfolioDefinition(typed);
    expect(built.ok && built.value.exit.target).toEqual({ unit: 'RUPEES', amount: 1_234_567 });
  });

  it('leaves settings that do not apply to the schema defaults', () => {
    const form = toPortfolioForm(everything);
    const market = { ...form, execution: { ...form.execution, orderType: 'MARKET' as const, limitBufferPercent: 'junk' }, monitoring: { ...form.monitoring, mode: 'EVERY_TICK' as const, candleMinutes: '' } };
    const built = buildPortfolioDefinition(market);
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.value.execution.limitBufferPercent).toBe(0.5);
    expect(built.value.monitoring).toEqual({ mode: 'EVERY_TICK', everySeconds: 5, candleMinutes: 5 });
  });

  it('starts a new portfolio on NIFTY with no legs, and asks for a name and a leg', () => {
    const form = newPortfolioForm();
    expect(form.settings).toMatchObject({ name: '', underlying: 'NIFTY', expiry: 'CURRENT_WEEK', product: 'MIS', lotMultiplier: '1' });
    expect(form.entry.rule).toBe('IMMEDIATE');
    expect(buildPortfolioDefinition(form)).toEqual({ ok: false, errors: { 'settings.name': 'Name the portfolio.', legs: 'Add at least one leg.' } });
  });

  it('names the field and says what to type, in words', () => {
    const form = withLegs(newPortfolioForm(), 2);
    const [first, second] = form.legs;
    if (!first || !second) throw new Error('two legs');
    const wrong: PortfolioFormValues = {
      ...form,
      settings: { ...form.settings, lotMultiplier: '0' },
      legs: [
        { ...first, lots: '1.5', strikeMode: 'DELTA_CLOSEST', strikeValue: '1.2' },
        { ...second, stopLoss: { unit: 'POINTS', value: 'ten' }, target: { unit: 'PERCENT', value: '0' } },
      ],
      entry: { ...form.entry, rule: 'RANGE_BREAKOUT', windowStart: '10:00', windowEnd: '09:30' },
      exit: { ...form.exit, exitAt: '25:00', target: { unit: 'RUPEES', value: '0' } },
    };
    expect(buildPortfolioDefinition(wrong)).toEqual({
      ok: false,
      errors: {
        'settings.lotMultiplier': 'At least 1.',
        'legs.0.lots': 'A whole number.',
        'legs.0.strike': 'At most 0.99.',
        'legs.1.stopLoss': 'Rupees, such as 150 or 150.50.',
        'legs.1.target': 'More than 0.',
        'exit.exitAt': 'Time must be HH:MM (IST, 24 h).',
        'exit.target': 'Amount must be positive.',
      },
    });
    // Checks across fields run once every field is valid on its own.
    const window = { ...form, entry: { ...form.entry, rule: 'RANGE_BREAKOUT' as const, windowStart: '10:00', windowEnd: '09:30' } };
    expect(buildPortfolioDefinition(window)).toEqual({ ok: false, errors: { 'entry.rule.windowEnd': 'The range window must end after it starts.' } });
  });

  it('maps issue paths to the input that shows them', () => {
    expect(fieldKeyOf(['legs', 2, 'target', 'points'])).toBe('legs.2.target');
    expect(fieldKeyOf(['entry', 'conditions', 1, 'level'])).toBe('entry.conditions.1');
    expect(fieldKeyOf(['exit', 'trailing', 'trailBy'])).toBe('exit.trailing.trailBy');
    expect(fieldKeyOf(['settings', 'product'])).toBe('');
    expect(issueText({ code: 'too_big', path: [], message: 'Too big: expected string to have <=60 characters', origin: 'string', maximum: 60 })).toBe('At most 60 characters.');
  });
});

describe('leg form', () => {
  it('numbers new legs with the first free id', () => {
    expect(nextLegId([])).toBe('L1');
    expect(nextLegId([{ id: 'L1' }, { id: 'L3' }])).toBe('L2');
  });

  it('parses a leg on its own, and refuses one that is not valid yet', () => {
    const leg = newLeg([]);
    expect(parseLeg({ ...leg, strikeValue: '+2' })).toMatchObject({ id: 'L1', strike: { mode: 'ATM_OFFSET', steps: 2 }, lots: 1 });
    expect(parseLeg({ ...leg, lots: '' })).toBeNull();
    expect(parseLeg({ ...leg, lots: '101' })).toBeNull();
    // A future ignores whatever the strike box held.
    expect(parseLeg({ ...leg, kind: 'FUT', strikeMode: 'EXACT', strikeValue: '' })).toMatchObject({ kind: 'FUT' });
  });

  it('trails in one unit', () => {
    const leg = everything.legs[0];
    if (!leg) throw new Error('leg');
    expect(toLegForm(leg).trailing).toEqual({ unit: 'POINTS', every: '10', by: '5' });
  });
});
