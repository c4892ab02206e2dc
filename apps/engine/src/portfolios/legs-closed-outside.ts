import { asOrderId, isTerminalStatus, type EnteredLeg, type Order } from '@strikedesk/domain';
import type { PortfolioDeps, PortfolioHandle } from './portfolio-context.ts';

/** What the portfolio's book still holds of a leg, on the leg's side (0 once closed, however). */
export function legHeld(handle: PortfolioHandle, leg: Pick<EnteredLeg, 'instrumentId' | 'side'>): number {
  const held = handle.book().positions.reduce((sum, position) => (position.instrumentId === leg.instrumentId ? sum + position.netQuantity : sum), 0);
  return Math.max(0, leg.side === 'BUY' ? held : -held);
}

/** `waiting`: the leg's stop at the broker is being cancelled; nothing else may act on the leg until it is. */
export type FollowedLeg = { leg: EnteredLeg; waiting: boolean };

/**
 * A cancel the broker refused (or that failed) is asked again at most this often per stop — every
 * request is journaled — and its warning logged at most once a minute.
 */
const CANCEL_RETRY_MS = 5_000;
const CANCEL_WARNING_INTERVAL_MS = 60_000;
/** Per engine (its trading state), by stop order id: when its cancel was last asked, and warned about. */
const cancels = new WeakMap<object, { attempted: Map<string, number>; warned: Map<string, number> }>();
const cancelsOf = (deps: PortfolioDeps) => {
  let held = cancels.get(deps.state);
  if (!held) cancels.set(deps.state, (held = { attempted: new Map(), warned: new Map() }));
  return held;
};

/**
 * Follows what the portfolio's book holds of an entered leg, which a trade outside the portfolio
 * may have closed in whole or in part (the trader bought it back from the ticket, and the fold took
 * it from the book: ADR 0010). The caller has handled a stop that filled.
 *
 * - The leg's stop resting at the broker covers more than the book holds: it is cancelled, and the
 *   leg waits until the cancel is final — sized for the whole leg, the stop would open a new
 *   position when it triggers, at the broker, past every check. Its id is kept until then, so a
 *   stop that fills before the cancel lands is still seen (LEG_STOP).
 * - Nothing held: the leg is marked closed, with an ALERT.
 * - The stop is gone (cancelled here, or by anyone; rejected; expired) while the leg runs on: the
 *   engine watches the leg's stop from now on (it sends no more than the book holds), with an ALERT.
 */
export async function followTradesOutside(handle: PortfolioHandle, deps: PortfolioDeps, leg: EnteredLeg, name: string): Promise<FollowedLeg> {
  const held = legHeld(handle, leg);
  const stop = leg.stopOrderId === null ? undefined : deps.state.order(leg.stopOrderId);
  if (stop !== undefined && !isTerminalStatus(stop.status)) {
    if (stop.quantity - stop.filledQuantity <= held) return { leg, waiting: false };
    if (stop.status !== 'PENDING_CANCEL') await cancelStop(handle, deps, stop);
    return { leg, waiting: true };
  }
  const stopNote = stop === undefined ? '' : stop.status === 'CANCELED' ? '; its stop at the broker was cancelled' : `; its stop at the broker is ${stop.status.toLowerCase()}`;
  if (held === 0) {
    const why = tradedByPortfolio(handle, deps, leg, stop)
      ? "the portfolio no longer holds it (its own hedge in the same option netted it, or a trade outside the portfolio closed it)"
      : 'closed outside the portfolio (an order of no portfolio, e.g. from the ticket, took the position)';
    await handle.journal('ALERT', `${name}: ${why}; the leg is marked closed${stopNote}.`, handle.snapshot(), { legId: leg.legId });
    return { leg: { ...leg, closed: true, stopOrderId: null }, waiting: false };
  }
  if (stop === undefined) return { leg, waiting: false };
  const part = held < leg.quantity ? `partly closed outside the portfolio; the leg runs on with ${held}` : 'the leg runs on';
  await handle.journal('ALERT', `${name}: ${part}${stopNote}; the engine watches the leg's stop instead.`, handle.snapshot(), { legId: leg.legId, held });
  return { leg: { ...leg, stopOrderId: null }, waiting: false };
}

async function cancelStop(handle: PortfolioHandle, deps: PortfolioDeps, stop: Order): Promise<void> {
  const { accountId, userId } = handle.portfolio;
  const { attempted, warned } = cancelsOf(deps);
  const now = Date.now(); // real time: the broker answers in real time whatever the market clock says
  if (now - (attempted.get(stop.orderId) ?? 0) < CANCEL_RETRY_MS) return;
  attempted.set(stop.orderId, now);
  try {
    await deps.orders.cancel({ accountId, userId, cancel: { orderId: asOrderId(stop.orderId) } });
    warned.delete(stop.orderId);
  } catch (error) {
    if (now - (warned.get(stop.orderId) ?? 0) < CANCEL_WARNING_INTERVAL_MS) return;
    warned.set(stop.orderId, now);
    deps.logger.warn({ err: error, orderId: stop.orderId, portfolioId: handle.id }, 'the stop at the broker of a leg closed outside the portfolio could not be cancelled; retrying');
  }
}

/** Whether the portfolio's own orders (a hedge; not the leg's stop) traded the leg's option the other way. */
function tradedByPortfolio(handle: PortfolioHandle, deps: PortfolioDeps, leg: EnteredLeg, stop: Order | undefined): boolean {
  return deps.state
    .ordersOf(handle.portfolio.accountId)
    .some((order) => order.portfolioId === handle.id && order.instrumentId === leg.instrumentId && order.side !== leg.side && order.filledQuantity > 0 && order.orderId !== stop?.orderId);
}

/**
 * After a leg's stop filled at the broker: what the book now holds of the leg's option the other
 * way — the stop was sized for the leg, and a trade outside the portfolio had closed part of it
 * before its cancel landed — is closed, with an ALERT. Left, it would be a position the portfolio
 * never meant, counted in its MTM and delta until its exit.
 */
export async function closeOvershoot(handle: PortfolioHandle, deps: PortfolioDeps, leg: EnteredLeg, name: string): Promise<void> {
  const beyond = legHeld(handle, { instrumentId: leg.instrumentId, side: leg.side === 'BUY' ? 'SELL' : 'BUY' });
  if (beyond === 0) return;
  const result = await deps.executor.execute(handle.executionContext(), { legId: leg.legId, instrumentId: leg.instrumentId, side: leg.side, quantity: beyond, closing: true });
  const outcome = result.failure === null ? 'closed again' : `could not be closed (${result.failure.message}): close it by hand`;
  await handle.journal('ALERT', `${name}: the stop at the broker traded past what the portfolio still held (a trade outside it had closed part of the leg): ${beyond} the other way, ${outcome}.`, handle.snapshot(), { legId: leg.legId, orderIds: result.orderIds });
}
