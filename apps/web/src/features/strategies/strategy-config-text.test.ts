import { describe, expect, it } from 'vitest';
import { StrategyConfigSchema } from '@strikedesk/domain';
import { configLines, describeConfigChanges, targetText, tradingViewSymbol } from './strategy-config-text.ts';

const base = StrategyConfigSchema.parse({ target: { kind: 'CONTINUOUS_FUTURE', underlying: 'NIFTY', nth: 1 } });

describe('strategy config text', () => {
  it('names targets the way a trader reads them', () => {
    expect(targetText(base.target)).toBe('NIFTY 1st future (continuous)');
    expect(tradingViewSymbol({ kind: 'CONTINUOUS_FUTURE', underlying: 'BANKNIFTY', nth: 2 })).toBe('BANKNIFTY2!');
    const instrument = StrategyConfigSchema.shape.target.parse({ kind: 'INSTRUMENT', instrumentId: 'NFO:NIFTY26DECFUT' });
    expect(targetText(instrument)).toBe('NFO:NIFTY26DECFUT');
    expect(targetText(instrument, 'NIFTY DEC FUT')).toBe('NIFTY DEC FUT');
    expect(tradingViewSymbol(instrument)).toBeNull();
  });

  it('lists what a version changed, and nothing for the first one', () => {
    const after = StrategyConfigSchema.parse({
      ...base,
      orderType: 'LIMIT',
      guards: { ...base.guards, window: { start: '00:00', end: '24:00' } },
    });
    expect(describeConfigChanges(null, after)).toEqual([]);
    expect(describeConfigChanges(base, after)).toEqual(['Order type: MARKET → LIMIT at LTP ± 0.5%', 'Window (IST): 09:15–15:25 → 00:00–24:00']);
  });

  it('shows a portfolio strategy only the settings it uses, naming its portfolio and schedule', () => {
    const scheduled = StrategyConfigSchema.parse({ target: { kind: 'PORTFOLIO', portfolioId: 'pf_1' }, schedule: { time: '09:20' } });
    const names = new Map([['pf_1', '9:20 straddle'], ['pf_2', 'Iron condor']]);
    expect(configLines(scheduled, names).map(([label]) => label)).toEqual([
      'Target',
      'Schedule',
      'Alerts per minute',
      'Alerts per day',
      'Max delay',
      'Window (IST)',
      'Allowed IPs',
    ]);
    expect(new Map(configLines(scheduled, names)).get('Schedule')).toBe('09:20 IST, Mon–Fri');
    const moved = StrategyConfigSchema.parse({ ...scheduled, target: { kind: 'PORTFOLIO', portfolioId: 'pf_2' }, schedule: { time: '09:30', weekdays: [4] } });
    expect(describeConfigChanges(scheduled, moved, names)).toEqual(['Target: Portfolio 9:20 straddle → Portfolio Iron condor', 'Schedule: 09:20 IST, Mon–Fri → 09:30 IST, Thu']);
    expect(targetText(scheduled.target)).toBe('Portfolio pf_1');
  });
});
