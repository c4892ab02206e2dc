import { describe, expect, it } from 'vitest';
import { alertMessageTemplate, type AlertOutcome } from '@strikedesk/domain';
import { alertCheckHeadline, alertReadText, exampleAlertMessage } from './alert-check-text.ts';

const order: AlertOutcome = {
  kind: 'ORDER',
  side: 'BUY',
  units: 130,
  lotSize: 65,
  instrumentId: 'NFO:NIFTY25DECFUT',
  instrumentName: 'NIFTY 29 DEC FUT',
  orderType: 'MARKET',
  product: 'NRML',
  limitPrice: null,
  currentUnits: 0,
  targetUnits: 130,
  cancelsOrderIds: [],
  notOpenedUnits: 0,
};
const accepted = (wouldDo: AlertOutcome) => ({ ok: true as const, parsed: { action: 'BUY' as const, contracts: 2, positionSize: null, marketPosition: null, ticker: null, alertId: null, price: null, time: null, comment: null }, wouldDo, notes: [] });

describe('Check a message: the answer in words', () => {
  it('names side, lots and units, instrument and price', () => {
    expect(alertCheckHeadline(accepted(order))).toBe('Would BUY 2 lots (130 units) NIFTY 29 DEC FUT at market.');
    expect(alertCheckHeadline(accepted({ ...order, side: 'SELL', units: 65, orderType: 'LIMIT', limitPrice: 2_451_050, cancelsOrderIds: ['o-7'] }))).toBe(
      "Would SELL 1 lot (65 units) NIFTY 29 DEC FUT with a limit at ₹24,510.50, after cancelling the strategy's unfilled order o-7.",
    );
    expect(alertCheckHeadline(accepted({ ...order, units: 65, notOpenedUnits: 130 }))).toBe('Would BUY 1 lot (65 units) NIFTY 29 DEC FUT at market (2 lots (130 units) more would not be opened outside the window).');
  });

  it('says when nothing would be sent, when the engine would refuse, and when TradingView would be refused', () => {
    expect(alertCheckHeadline(accepted({ kind: 'NONE', reason: 'The strategy has no position to exit.' }))).toBe('Would send nothing: The strategy has no position to exit.');
    expect(alertCheckHeadline(accepted({ kind: 'REFUSED', code: 'SIGNAL_ORDER_SIZE_LIMIT', message: 'Too big.' }))).toBe('TradingView would be answered "accepted", but the alert would not be traded: Too big.');
    expect(alertCheckHeadline({ ok: false, code: 'WEBHOOK_BAD_PASSPHRASE', message: 'Wrong or missing passphrase.' })).toBe('TradingView would be refused: Wrong or missing passphrase.');
  });

  it('portfolio actions', () => {
    const named = { portfolioId: 'p1' as never, portfolioName: 'Straddle' };
    expect(alertCheckHeadline(accepted({ kind: 'PORTFOLIO', action: 'ARM', ...named }))).toBe('Would start the portfolio "Straddle" (its entry rule decides when it enters).');
    expect(alertCheckHeadline(accepted({ kind: 'PORTFOLIO', action: 'EXIT', ...named }))).toBe('Would exit the portfolio "Straddle" (square off its positions).');
    expect(alertCheckHeadline(accepted({ kind: 'PORTFOLIO', action: 'DISARM', ...named }))).toMatch(/^Would disarm the portfolio "Straddle"/);
  });

  it('how the message was read', () => {
    expect(alertReadText({ ...accepted(order).parsed, ticker: 'NSE:NIFTY1!', alertId: 'c-1' })).toBe('buy, 2 contracts, ticker NSE:NIFTY1!, alert id c-1');
  });

  it('fills the suggested message with example values, keeping the passphrase placeholder for the trader', () => {
    const example = JSON.parse(exampleAlertMessage(alertMessageTemplate({ passphrase: true }), 'NIFTY1!', new Date('2026-12-08T04:00:00.000Z'))) as Record<string, string>;
    expect(example).toEqual({
      passphrase: '<your passphrase>',
      alert_id: 'check-2026-12-08T04:00:00Z',
      ticker: 'NIFTY1!',
      action: 'buy',
      contracts: '1',
      position_size: '1',
      market_position: 'long',
      price: '0',
      time: '2026-12-08T04:00:00Z',
    });
    expect(JSON.stringify(example)).not.toContain('{{');
    expect(JSON.parse(exampleAlertMessage(alertMessageTemplate({ passphrase: false, portfolio: true }), null))).not.toHaveProperty('ticker');
  });
});
