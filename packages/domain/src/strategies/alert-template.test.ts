import { describe, expect, it } from 'vitest';
import { alertMessageTemplate } from './alert-template.ts';

describe('alertMessageTemplate', () => {
  it('an instrument strategy sends sizes and prices; the passphrase only when it has one', () => {
    const message = JSON.parse(alertMessageTemplate({ passphrase: true })) as Record<string, string>;
    expect(Object.keys(message)).toEqual(['passphrase', 'alert_id', 'ticker', 'action', 'contracts', 'position_size', 'market_position', 'price', 'time']);
    expect(JSON.parse(alertMessageTemplate({ passphrase: false }))).not.toHaveProperty('passphrase');
  });
  it('a portfolio strategy sends only what enters or exits its portfolio', () => {
    const message = JSON.parse(alertMessageTemplate({ passphrase: false, portfolio: true })) as Record<string, string>;
    expect(message).toEqual({
      alert_id: '{{strategy.order.id}}-{{timenow}}',
      ticker: '{{ticker}}',
      action: '{{strategy.order.action}}',
      // strategy.close() alerts "sell"/"buy": the flat market position is what makes them exits.
      market_position: '{{strategy.market_position}}',
      time: '{{timenow}}',
    });
  });
});
