import { quantityLabel, rupeesLabel, type AlertCheckResult, type AlertOutcome, type CheckedAlert, type Paise } from '@strikedesk/domain';

/**
 * The answer of "Check a message" in a trader's words: what TradingView would be answered and what
 * the strategy would then do ("Would BUY 2 lots (130 units) NIFTY 29 DEC FUT at market").
 */
export function alertCheckHeadline(result: AlertCheckResult): string {
  if (!result.ok) return `TradingView would be refused: ${result.message}`;
  return outcomeText(result.wouldDo);
}

function outcomeText(outcome: AlertOutcome): string {
  switch (outcome.kind) {
    case 'ORDER': {
      const price = outcome.limitPrice === null ? 'at market' : `with a limit at ${rupeesLabel(outcome.limitPrice as Paise)}`;
      const cancels = outcome.cancelsOrderIds.length > 0 ? `, after cancelling the strategy's unfilled order${outcome.cancelsOrderIds.length > 1 ? 's' : ''} ${outcome.cancelsOrderIds.join(', ')}` : '';
      const heldBack = outcome.notOpenedUnits > 0 ? ` (${quantityLabel(outcome.notOpenedUnits, outcome.lotSize)} more would not be opened outside the window)` : '';
      return `Would ${outcome.side} ${quantityLabel(outcome.units, outcome.lotSize)} ${outcome.instrumentName} ${price}${cancels}${heldBack}.`;
    }
    case 'PORTFOLIO':
      if (outcome.action === 'ARM') return `Would start the portfolio "${outcome.portfolioName}" (its entry rule decides when it enters).`;
      if (outcome.action === 'EXIT') return `Would exit the portfolio "${outcome.portfolioName}" (square off its positions).`;
      return `Would disarm the portfolio "${outcome.portfolioName}": it is armed but has not entered yet.`;
    case 'NONE':
      return `Would send nothing: ${outcome.reason}`;
    case 'REFUSED':
      return `TradingView would be answered "accepted", but the alert would not be traded: ${outcome.message}`;
  }
}

/** How the message was read: "buy, 2 contracts, ticker NSE:NIFTY1!, alert id c-1". */
export function alertReadText(alert: CheckedAlert): string {
  const parts = [alert.action.toLowerCase()];
  if (alert.contracts !== null) parts.push(`${alert.contracts} contracts`);
  if (alert.positionSize !== null) parts.push(`position size ${alert.positionSize}`);
  if (alert.marketPosition !== null) parts.push(`market position ${alert.marketPosition}`);
  if (alert.ticker !== null) parts.push(`ticker ${alert.ticker}`);
  if (alert.alertId !== null) parts.push(`alert id ${alert.alertId}`);
  return parts.join(', ');
}

/** Example values for TradingView's placeholders, which only TradingView fills. */
const EXAMPLE_VALUES: Record<string, string> = {
  '{{strategy.order.action}}': 'buy',
  '{{strategy.order.contracts}}': '1',
  '{{strategy.position_size}}': '1',
  '{{strategy.market_position}}': 'long',
  '{{strategy.order.price}}': '0',
  '{{strategy.order.id}}': 'check',
};

/**
 * The suggested alert message with its placeholders filled as TradingView would fill them on a
 * 1-lot long entry — left as placeholders, every check would answer "placeholder unfilled".
 * `{{ticker}}` becomes the strategy's chart symbol, or is dropped (the strategy's own instrument).
 */
export function exampleAlertMessage(template: string, symbol: string | null, now: Date = new Date()): string {
  let fields: Record<string, unknown>;
  try {
    fields = JSON.parse(template) as Record<string, unknown>;
  } catch {
    return template;
  }
  const time = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const filled = Object.entries(fields).flatMap(([key, value]) => {
    if (typeof value !== 'string') return [[key, value]];
    if (value === '{{ticker}}') return symbol === null ? [] : [[key, symbol]];
    const text = value.replace(/\{\{[^}]*\}\}/g, (placeholder) => (placeholder === '{{timenow}}' ? time : (EXAMPLE_VALUES[placeholder] ?? placeholder)));
    return [[key, text]];
  });
  return JSON.stringify(Object.fromEntries(filled), null, 2);
}
