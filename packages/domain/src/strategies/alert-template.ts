/**
 * Copy-ready alert messages for a strategy: what the trader pastes into TradingView's alert dialog
 * (placeholders are filled there) and a Pine Script snippet that sends the same fields.
 */
export function alertMessageTemplate(options: { passphrase: boolean; portfolio?: boolean }): string {
  // A portfolio strategy only enters or exits its portfolio: sizes and prices would be ignored. Its
  // market position tells an exit apart: TradingView's strategy.close() order says "sell" or "buy".
  const sizing: Record<string, string> = options.portfolio
    ? { market_position: '{{strategy.market_position}}' }
    : { contracts: '{{strategy.order.contracts}}', position_size: '{{strategy.position_size}}', market_position: '{{strategy.market_position}}', price: '{{strategy.order.price}}' };
  const message: Record<string, string> = {
    ...(options.passphrase ? { passphrase: '<your passphrase>' } : {}),
    alert_id: '{{strategy.order.id}}-{{timenow}}',
    ticker: '{{ticker}}',
    action: '{{strategy.order.action}}',
    ...sizing,
    time: '{{timenow}}',
  };
  return JSON.stringify(message, null, 2);
}

/** A Pine v6 strategy skeleton whose orders carry a complete alert message of their own. */
export function pineScriptSnippet(options: { passphrase: boolean; name: string }): string {
  const secret = options.passphrase ? '"passphrase": "<your passphrase>", ' : '';
  const title = options.name.replace(/["\\]/g, '');
  return [
    '//@version=6',
    `strategy("${title}", overlay = true)`,
    '',
    '// Pine fills no {{placeholders}} in alert_message: build the JSON here instead.',
    'msg(action, qty) =>',
    `    '{${secret}"alert_id": "' + str.tostring(time) + '-' + action + '", "ticker": "' + syminfo.ticker + '", "action": "' + action + '", "contracts": "' + str.tostring(qty) + '"}'`,
    '',
    'fast = ta.sma(close, 9)',
    'slow = ta.sma(close, 21)',
    'if ta.crossover(fast, slow)',
    '    strategy.entry("L", strategy.long, qty = 1, alert_message = msg("buy", 1))',
    'if ta.crossunder(fast, slow)',
    '    strategy.close("L", alert_message = msg("exit", 1))',
    '',
    '// In the alert dialog: Condition = this strategy, Message = {{strategy.order.alert_message}},',
    '// Webhook URL = the strategy URL shown when you created it.',
  ].join('\n');
}
