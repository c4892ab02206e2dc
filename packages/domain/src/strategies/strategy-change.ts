import type { Product, Side } from '../order.ts';

/**
 * What a strategy still holds or has working in the account it trades in now: its virtual book's
 * open positions and its working orders (the engine's), and its alerts still waiting in the queue.
 */
export type StrategyExposure = {
  positions: { instrumentName: string; product: Product; netQuantity: number; lotSize: number }[];
  workingOrders: { instrumentName: string; product: Product; side: Side; remaining: number; lotSize: number }[];
  waitingSignals: number;
};

/** What a change moves that the strategy's later alerts (its exits above all) would follow. */
export type StrategyRoutingChange = {
  /** PAPER ↔ LIVE: another account. */
  mode?: { from: string; to: string };
  /** The instrument its alerts trade. */
  instrument?: { from: string; to: string };
  product?: { from: Product; to: Product };
};

const lots = (units: number, lotSize: number): string => {
  const count = lotSize > 0 ? Math.abs(units) / lotSize : Math.abs(units);
  return `${count} lot${count === 1 ? '' : 's'}`;
};

/**
 * Why a change must wait, or null. A change of mode, instrument or product re-routes every later
 * alert: an exit would look in the new account, instrument or product, find nothing to close, and
 * leave what the strategy holds unmanaged (LIVE → PAPER: a live position no alert closes any more).
 * So while the strategy holds a position, has working orders or alerts waiting to be traded, such a
 * change is refused (STRATEGY_HAS_EXPOSURE) with what to close first; other edits pass.
 */
export function strategyChangeBlocker(change: StrategyRoutingChange, exposure: StrategyExposure): string | null {
  const moves = [
    change.mode && `its mode (${change.mode.from} → ${change.mode.to})`,
    change.instrument && `its instrument (${change.instrument.from} → ${change.instrument.to})`,
    change.product && `its product (${change.product.from} → ${change.product.to})`,
  ].filter((move): move is string => typeof move === 'string');
  if (moves.length === 0) return null;
  const held = [
    ...exposure.positions.map((position) => `its position in ${position.instrumentName} (${lots(position.netQuantity, position.lotSize)} ${position.netQuantity > 0 ? 'long' : 'short'}, ${position.product})`),
    ...exposure.workingOrders.map((order) => `cancel its working ${order.side.toLowerCase()} order in ${order.instrumentName} (${lots(order.remaining, order.lotSize)}, ${order.product})`),
  ];
  if (held.length === 0 && exposure.waitingSignals === 0) return null;
  const steps = held.map((item) => (item.startsWith('cancel') ? item : `close ${item}`));
  if (exposure.waitingSignals > 0) steps.push(`wait for its ${exposure.waitingSignals} alert${exposure.waitingSignals === 1 ? '' : 's'} still queued to be traded`);
  const first = steps.join('; ');
  return `${first.charAt(0).toUpperCase()}${first.slice(1)} first, then change ${moves.join(' and ')}: its later exit alerts would go to the new ${
    change.mode ? 'account' : change.instrument ? 'instrument' : 'product'
  } and leave this unmanaged.`;
}

/**
 * A portfolio strategy linked to another portfolio while its current one runs: that portfolio's
 * exit alerts would go to the new one, leaving the running one to its own exit rules alone.
 */
export function portfolioChangeBlocker(portfolioName: string, status: string): string {
  return `Exit or stop the portfolio "${portfolioName}" first (it is ${status.toLowerCase().replace('_', ' ')}), then link another: the strategy's exit alerts would go to the new portfolio and leave this one unmanaged.`;
}
