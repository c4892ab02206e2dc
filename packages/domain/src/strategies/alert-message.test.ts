import { describe, expect, it } from 'vitest';
import { parseAlertMessage } from './alert-message.ts';

const ok = (body: string, json = false) => {
  const result = parseAlertMessage(body, json);
  if (!result.ok) throw new Error(`expected a message, got ${result.error.code}: ${result.error.message}`);
  return result.message;
};
const code = (body: string, json = false) => {
  const result = parseAlertMessage(body, json);
  return result.ok ? 'OK' : result.error.code;
};

describe('parseAlertMessage', () => {
  it('reads the documented JSON with TradingView placeholders filled', () => {
    const message = ok(
      '{"passphrase":"pw","alert_id":"17-2026-12-05T09:20:00Z","ticker":"NSE:NIFTY1!","action":"sell","contracts":"2","position_size":"-2","market_position":"short","price":"24105.5","time":"2026-12-05T09:20:00Z"}',
      true,
    );
    expect(message).toEqual({
      action: 'SELL',
      contracts: 2,
      positionSize: -2,
      marketPosition: 'short',
      ticker: 'NSE:NIFTY1!',
      alertId: '17-2026-12-05T09:20:00Z',
      passphrase: 'pw',
      price: '24105.5',
      time: '2026-12-05T09:20:00Z',
      comment: null,
    });
  });

  it('accepts JSON sent as text/plain, numbers as numbers, and alternative keys', () => {
    expect(ok('{"side": "BUY", "qty": 3, "symbol": "NIFTY", "id": 9}')).toMatchObject({ action: 'BUY', contracts: 3, ticker: 'NIFTY', alertId: '9' });
  });

  it('cuts a long field at 200 characters without splitting an emoji, and reads JSON nested too deeply to write back out', () => {
    const comment = `${'x'.repeat(199)}😀 and more`;
    const parsed = parseAlertMessage(JSON.stringify({ action: 'buy', contracts: 1, comment }), true);
    expect(parsed.ok && parsed.message.comment).toBe('x'.repeat(199));
    const deep = `${'['.repeat(5_000)}${']'.repeat(5_000)}`;
    const nested = parseAlertMessage(`{"action":"buy","contracts":1,"comment":${deep}}`, true);
    expect(nested.ok && nested.message.comment).toBe('(nested too deeply to show)');
  });

  it('reads the word form of plain-text alerts', () => {
    expect(ok('buy 2')).toMatchObject({ action: 'BUY', contracts: 2 });
    expect(ok('  EXIT ')).toMatchObject({ action: 'EXIT', contracts: null });
    expect(ok('target -3 ticker=NIFTY1! id=abc')).toMatchObject({ action: 'TARGET', positionSize: -3, ticker: 'NIFTY1!', alertId: 'abc' });
    expect(ok('reverse')).toMatchObject({ action: 'REVERSE' });
  });

  it.each([
    ['', 'WEBHOOK_MALFORMED_BODY'],
    ['{"action": "buy"', 'WEBHOOK_MALFORMED_BODY'],
    ['[1, 2]', 'WEBHOOK_MALFORMED_BODY'],
    ['{"contracts": 1}', 'WEBHOOK_UNKNOWN_ACTION'],
    ['hold 1', 'WEBHOOK_UNKNOWN_ACTION'],
    ['{"action": "buy", "contracts": "1e3"}', 'WEBHOOK_INVALID_QUANTITY'],
    ['{"action": "buy", "contracts": "-1"}', 'WEBHOOK_INVALID_QUANTITY'],
    ['{"action": "buy", "contracts": 0}', 'WEBHOOK_INVALID_QUANTITY'],
    ['{"action": "target"}', 'WEBHOOK_INVALID_QUANTITY'],
    ['{"action": "{{strategy.order.action}}"}', 'WEBHOOK_PLACEHOLDER_UNFILLED'],
  ])('%j → %s', (body, expected) => {
    expect(code(body, body.startsWith('{') || body.startsWith('['))).toBe(expected);
  });

  it('refuses a non-JSON body declared as application/json', () => {
    expect(code('buy 1', true)).toBe('WEBHOOK_MALFORMED_BODY');
  });
});
