import { describe, expect, it } from 'vitest';
import { StrategyConfigSchema, templateMismatch, TRADINGVIEW_WEBHOOK_IPS } from '@strikedesk/domain';
import { buildStrategyConfig, NEW_SCHEDULE_TIME, NEW_STRATEGY_CONFIG, onlyTradingViewIps, passphraseProblem, toStrategyForm, TRADINGVIEW_IPS_TEXT } from './strategy-form.ts';

const PORTFOLIO_ID = 'pf_straddle_1';

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
      guards: { maxSignalsPerMinute: 5, maxSignalsPerDay: 50, maxDelaySeconds: 30, window: { start: '00:00', end: '24:00' }, allowedIps: ['10.0.0.1'] },
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

  it('round-trips portfolio configurations for their templates, keeping the instrument settings at their defaults', () => {
    const tvPortfolio = StrategyConfigSchema.parse({
      target: { kind: 'PORTFOLIO', portfolioId: PORTFOLIO_ID },
      guards: { maxSignalsPerMinute: 2, maxSignalsPerDay: 4, maxDelaySeconds: 60, window: { start: '09:15', end: '15:00' }, allowedIps: [...TRADINGVIEW_WEBHOOK_IPS] },
    });
    expect(buildStrategyConfig(toStrategyForm(tvPortfolio), 'TV_PORTFOLIO')).toEqual({ ok: true, value: tvPortfolio });
    const scheduled = StrategyConfigSchema.parse({ target: { kind: 'PORTFOLIO', portfolioId: PORTFOLIO_ID }, schedule: { time: '09:20', weekdays: [1, 3, 5] } });
    const built = buildStrategyConfig(toStrategyForm(scheduled), 'SCHEDULED_PORTFOLIO');
    expect(built).toEqual({ ok: true, value: scheduled });
    expect(built.ok && templateMismatch('SCHEDULED_PORTFOLIO', built.value)).toBeNull();
  });

  it('builds what each template needs from the same form: instrument, portfolio, portfolio with a schedule', () => {
    const form = { ...toStrategyForm(NEW_STRATEGY_CONFIG), portfolioId: PORTFOLIO_ID };
    const instrument = buildStrategyConfig(form, 'TV_INSTRUMENT');
    expect(instrument.ok && [instrument.value.target.kind, instrument.value.schedule]).toEqual(['CONTINUOUS_FUTURE', null]);
    const alerts = buildStrategyConfig(form, 'TV_PORTFOLIO');
    expect(alerts.ok && [alerts.value.target, alerts.value.schedule]).toEqual([{ kind: 'PORTFOLIO', portfolioId: PORTFOLIO_ID }, null]);
    // A new scheduled strategy starts at 9:20 on every weekday.
    const scheduled = buildStrategyConfig(form, 'SCHEDULED_PORTFOLIO');
    expect(form.scheduleTime).toBe(NEW_SCHEDULE_TIME);
    expect(scheduled.ok && scheduled.value.schedule).toEqual({ time: '09:20', weekdays: [1, 2, 3, 4, 5] });
    for (const result of [instrument, alerts, scheduled]) expect(result.ok).toBe(true);
  });

  it('asks for a portfolio, a time and a weekday, and ignores the hidden instrument fields of a portfolio template', () => {
    const form = { ...toStrategyForm(NEW_STRATEGY_CONFIG), defaultLots: 'many', limitBufferPercent: 'x', tickerAliases: 'NIFTY1!', maxLotsPerOrder: '' };
    expect(buildStrategyConfig(form, 'TV_PORTFOLIO')).toEqual({ ok: false, errors: { portfolioId: 'Choose the portfolio this strategy runs.' } });
    const scheduled = buildStrategyConfig({ ...form, portfolioId: PORTFOLIO_ID, scheduleTime: '9.20', scheduleWeekdays: [] }, 'SCHEDULED_PORTFOLIO');
    expect(scheduled).toEqual({ ok: false, errors: { scheduleTime: 'A time such as 09:20 (24-hour, IST).' } });
    const noDays = buildStrategyConfig({ ...form, portfolioId: PORTFOLIO_ID, scheduleTime: '25:00', scheduleWeekdays: [] }, 'SCHEDULED_PORTFOLIO');
    expect(noDays).toEqual({ ok: false, errors: { scheduleTime: 'time of day: HH:MM (IST)', scheduleWeekdays: 'choose at least one weekday' } });
    const guards = buildStrategyConfig({ ...form, portfolioId: PORTFOLIO_ID, maxDelaySeconds: '2', maxSignalsPerDay: 'lots' }, 'TV_PORTFOLIO');
    expect(guards.ok ? [] : Object.keys(guards.errors).sort()).toEqual(['maxSignalsPerDay']);
    const tooShort = buildStrategyConfig({ ...form, portfolioId: PORTFOLIO_ID, maxDelaySeconds: '2' }, 'TV_PORTFOLIO');
    expect(tooShort.ok ? [] : Object.keys(tooShort.errors)).toEqual(['maxDelaySeconds']);
  });

  it('keeps the max delay guard of an edited configuration', () => {
    const config = StrategyConfigSchema.parse({ ...NEW_STRATEGY_CONFIG, guards: { ...NEW_STRATEGY_CONFIG.guards, maxDelaySeconds: 45 } });
    const built = buildStrategyConfig(toStrategyForm(config));
    expect(built.ok && built.value.guards.maxDelaySeconds).toBe(45);
  });
});
