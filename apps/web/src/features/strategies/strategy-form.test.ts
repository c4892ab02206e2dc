import { describe, expect, it } from 'vitest';
import { StrategyConfigSchema, TRADINGVIEW_WEBHOOK_IPS } from '@strikedesk/domain';
import { buildStrategyConfig, NEW_STRATEGY_CONFIG, onlyTradingViewIps, passphraseProblem, toStrategyForm, TRADINGVIEW_IPS_TEXT } from './strategy-form.ts';

describe('strategy form', () => {
  it('round-trips a configuration through the form unchanged', () => {
    const config = StrategyConfigSchema.parse({
      target: { kind: 'CONTINUOUS_FUTURE', underlying: 'BANKNIFTY', nth: 2 },
      product: 'NRML',
      contractsAre: 'UNITS',
      defaultLots: 3,
      sizing: 'POSITION',
      orderType: 'LIMIT',
      limitBufferPercent: 0.25,
      tickerAliases: { 'BANKNIFTY1!': 'NFO:BANKNIFTY26DECFUT' },
      guards: { maxSignalsPerMinute: 5, maxSignalsPerDay: 50, window: { start: '00:00', end: '24:00' }, allowedIps: ['10.0.0.1'] },
      risk: { maxLotsPerOrder: 4, maxPositionLots: 8 },
    });
    expect(buildStrategyConfig(toStrategyForm(config))).toEqual({ ok: true, value: config });
    expect(buildStrategyConfig(toStrategyForm(NEW_STRATEGY_CONFIG))).toEqual({ ok: true, value: NEW_STRATEGY_CONFIG });
  });

  it('builds an instrument target only once an instrument is chosen', () => {
    const form = { ...toStrategyForm(NEW_STRATEGY_CONFIG), targetKind: 'INSTRUMENT' as const };
    expect(buildStrategyConfig(form)).toEqual({ ok: false, errors: { instrumentId: 'Choose an instrument.' } });
    const chosen = buildStrategyConfig({ ...form, instrumentId: 'NFO:NIFTY26DECFUT', instrumentLabel: 'NIFTY DEC FUT' });
    expect(chosen.ok && chosen.value.target).toEqual({ kind: 'INSTRUMENT', instrumentId: 'NFO:NIFTY26DECFUT' });
  });

  it('says which field is wrong, in words, with the domain deciding ranges', () => {
    const form = toStrategyForm(NEW_STRATEGY_CONFIG);
    const result = buildStrategyConfig({ ...form, defaultLots: '1.5', limitBufferPercent: 'abc', tickerAliases: 'NIFTY1!' });
    expect(result).toEqual({
      ok: false,
      errors: {
        defaultLots: 'A whole number.',
        limitBufferPercent: 'A percentage such as 0.5.',
        tickerAliases: 'Write aliases as TICKER=EXCHANGE:SYMBOL, separated by commas.',
      },
    });
    const ranges = buildStrategyConfig({ ...form, maxSignalsPerMinute: '601', windowStart: '16:00', windowEnd: '09:15', allowedIps: '1.2.3.4, nope' });
    expect(ranges.ok).toBe(false);
    if (ranges.ok) return;
    expect(Object.keys(ranges.errors).sort()).toEqual(['allowedIps', 'maxSignalsPerMinute', 'windowEnd']);
    expect(ranges.errors.allowedIps).toBe('Not an IP address: nope.');
    expect(ranges.errors.windowEnd).toContain('start must be before end');
  });

  it('recognises the TradingView-only address list in any order', () => {
    expect(onlyTradingViewIps(TRADINGVIEW_IPS_TEXT)).toBe(true);
    expect(onlyTradingViewIps([...TRADINGVIEW_WEBHOOK_IPS].reverse().join(' '))).toBe(true);
    expect(onlyTradingViewIps(`${TRADINGVIEW_IPS_TEXT}, 10.0.0.1`)).toBe(false);
    expect(onlyTradingViewIps('')).toBe(false);
    const built = buildStrategyConfig({ ...toStrategyForm(NEW_STRATEGY_CONFIG), allowedIps: TRADINGVIEW_IPS_TEXT });
    expect(built.ok && built.value.guards.allowedIps).toEqual([...TRADINGVIEW_WEBHOOK_IPS]);
  });

  it('checks a passphrase against the domain rule', () => {
    expect(passphraseProblem('long enough')).toBeNull();
    expect(passphraseProblem('short')).toMatch(/at least 8/);
  });
});
