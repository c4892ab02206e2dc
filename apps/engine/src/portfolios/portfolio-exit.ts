import { asOrderId, exitTimeReached, formatRupees, paise, type AccountId, type EnteredLeg, type InstrumentId, type PositionBook, type Product } from '@strikedesk/domain';
import { exitLimit } from '../risk/reduces-only.ts';
import { exitSequence } from './basket-order.ts';
import { legHeld } from './legs-closed-outside.ts';
import type { PortfolioDeps, PortfolioHandle } from './portfolio-context.ts';

/** `alert`: part of it a trade outside the portfolio had offset (nothing was sent for that part): worth telling the trader. */
export type CloseOutcome = { ok: boolean; message: string; orderIds: string[]; alert?: string };

/** Why a portfolio exits; STOP_LOSS (and only it) may lead to a re-entry. */
export type ExitReason = 'TARGET' | 'STOP_LOSS' | 'TRAILING_STOP' | 'TIME' | 'MANUAL' | 'ALL_LEGS_CLOSED' | 'RESTART';

/** Cancels the portfolio's working orders (resting broker stops included), so nothing fills behind an exit. */
async function cancelWorkingOrders(handle: PortfolioHandle, deps: PortfolioDeps): Promise<void> {
  const { accountId, userId } = handle.portfolio;
  const working = deps.state.openOrdersOf(accountId).filter((order) => order.portfolioId === handle.id);
  await Promise.all(
    working.map((order) =>
      deps.orders.cancel({ accountId, userId, cancel: { orderId: order.orderId } }).catch((error: unknown) => {
        deps.logger.warn({ err: error, orderId: order.orderId, portfolioId: handle.id }, 'portfolio order could not be cancelled before exit');
      }),
    ),
  );
}

/**
 * How much of what the portfolio's book holds (`position`, signed) its exit may close (exitLimit):
 * a trade outside the portfolio — the trader closing it from the order ticket, an order the
 * portfolio's book never sees — may have offset it, and an exit sized from the book alone would then
 * open a new position the other way (the engine refuses such an exit: EXIT_WOULD_OPEN_POSITION).
 */
function closableFor(deps: PortfolioDeps, accountId: AccountId, position: PositionBook & { instrumentId: string; product: Product; netQuantity: number }): number {
  const limit = exitLimit(deps.state, accountId, position, { strategyId: position.strategyId, portfolioId: position.portfolioId }, position.netQuantity > 0);
  return Math.min(limit, Math.abs(position.netQuantity));
}

/**
 * Squares off everything the portfolio's book holds (legs and hedges): shorts bought back first —
 * each only as far as the account still holds it. What the account no longer holds is named in the
 * outcome (not ok): the book keeps it, and nothing is sent for it.
 */
export async function closeBook(handle: PortfolioHandle, deps: PortfolioDeps): Promise<CloseOutcome> {
  await cancelWorkingOrders(handle, deps);
  const context = handle.executionContext();
  const orderIds: string[] = [];
  const failures: string[] = [];
  const closedOutside: string[] = [];
  for (const position of exitSequence(handle.book().positions.filter((p) => p.netQuantity !== 0))) {
    const name = deps.market.instrument(position.instrumentId)?.displayName ?? position.instrumentId;
    const closable = closableFor(deps, handle.portfolio.accountId, position);
    if (closable < Math.abs(position.netQuantity)) closedOutside.push(`${name}: the account's position covers only ${closable} of the ${Math.abs(position.netQuantity)} this portfolio ${position.netQuantity > 0 ? 'bought' : 'sold'} (a trade outside the portfolio, or an exit already working, covers the rest).`);
    if (closable === 0) continue;
    const result = await deps.executor.execute(context, { legId: 'exit', instrumentId: position.instrumentId as InstrumentId, side: position.netQuantity > 0 ? 'SELL' : 'BUY', quantity: closable, closing: true });
    orderIds.push(...result.orderIds);
    if (result.failure) failures.push(`${name}: ${result.failure.message}`);
  }
  if (failures.length === 0 && closedOutside.length === 0) return { ok: true, message: 'All positions closed.', orderIds };
  const message = [
    ...(failures.length > 0 ? [...failures, 'Square off the rest by hand.'] : []),
    ...(closedOutside.length > 0 ? [...closedOutside, 'Nothing more was sent for it, so no new position was opened.'] : []),
  ].join(' ');
  return { ok: false, message, orderIds };
}

/** Closes one leg on its own target or stop; the rest of the portfolio runs on. */
export async function closeLeg(handle: PortfolioHandle, deps: PortfolioDeps, leg: EnteredLeg): Promise<CloseOutcome> {
  const { accountId, userId } = handle.portfolio;
  if (leg.stopOrderId !== null) {
    const resting = deps.state.order(leg.stopOrderId);
    if (resting && resting.status !== 'FILLED') await deps.orders.cancel({ accountId, userId, cancel: { orderId: asOrderId(leg.stopOrderId) } }).catch(() => undefined);
  }
  const held = legHeld(handle, leg);
  if (held === 0) return { ok: true, message: 'Already closed.', orderIds: [] };
  const inBook = Math.min(held, leg.quantity);
  const signed = leg.side === 'BUY' ? held : -held;
  const quantity = Math.min(inBook, closableFor(deps, accountId, { instrumentId: leg.instrumentId, product: handle.executionContext().product, netQuantity: signed, strategyId: null, portfolioId: handle.id }));
  const alert = quantity < inBook ? `the account's position covers only ${quantity} of this leg's ${inBook} (a trade outside the portfolio, or an exit already working, covers the rest): nothing more was sent for it, so no new position was opened.` : undefined;
  if (quantity === 0) return { ok: true, message: 'Offset outside the portfolio.', orderIds: [], ...(alert ? { alert } : {}) };
  const result = await deps.executor.execute(handle.executionContext(), { legId: leg.legId, instrumentId: leg.instrumentId, side: leg.side === 'BUY' ? 'SELL' : 'BUY', quantity, closing: true });
  return { ok: result.failure === null, message: result.failure?.message ?? 'Leg closed.', orderIds: result.orderIds, ...(alert ? { alert } : {}) };
}

/**
 * Exits the whole portfolio: EXITING, everything squared off, then CLOSED — or back to
 * WAITING_ENTRY when a stop loss allows another re-entry. An exit that cannot close everything
 * ends FAILED with an ALERT naming what is still open.
 */
export async function exitPortfolio(
  handle: PortfolioHandle,
  deps: PortfolioDeps,
  reason: ExitReason,
  message: string,
  mtm: number | null,
  detail: Record<string, unknown> = {},
): Promise<void> {
  await handle.transition('EXITING', message);
  await handle.journal('EXIT_TRIGGERED', message, handle.snapshot(undefined, mtm), { reason, ...detail });
  const outcome = await closeBook(handle, deps);
  const book = handle.book();
  const realized = book.totalPnl - handle.runtime.mtmBaseline;
  if (!outcome.ok) {
    const alert = `Exit incomplete: ${outcome.message}`;
    await handle.journal('ALERT', alert, handle.snapshot(book, realized), { orderIds: outcome.orderIds });
    await handle.transition('FAILED', alert);
    return;
  }
  const closed = `Exited (${reasonLabel(reason)}): P&L ${formatRupees(paise(realized), { sign: true })}.`;
  await handle.journal('EXITED', closed, handle.snapshot(book, realized), { reason, orderIds: outcome.orderIds, pnl: realized });
  const reentriesUsed = Math.max(0, handle.runtime.entries - 1);
  // No re-entry once the day's exit time has passed: it would only be squared off again.
  if (reason === 'STOP_LOSS' && reentriesUsed < handle.definition.exit.maxReentries && !exitTimeReached(handle.definition.exit, deps.now())) {
    const next = `${closed} Re-entry ${reentriesUsed + 1} of ${handle.definition.exit.maxReentries}: waiting for the entry rule again.`;
    await handle.journal('REENTRY', next, handle.snapshot(book, realized));
    await handle.transition('WAITING_ENTRY', next, { ...handle.runtime, legs: [], peakMtm: null, hedges: 0 });
    return;
  }
  await handle.transition('CLOSED', closed, { ...handle.runtime, legs: handle.runtime.legs.map((leg) => ({ ...leg, closed: true, stopOrderId: null })) });
}

const reasonLabel = (reason: ExitReason): string =>
  ({
    TARGET: 'target reached',
    STOP_LOSS: 'stop loss hit',
    TRAILING_STOP: 'trailing stop hit',
    TIME: 'exit time',
    MANUAL: 'exit requested',
    ALL_LEGS_CLOSED: 'every leg closed',
    RESTART: 'resumed after a restart',
  })[reason];
