import { divRoundPaise, DomainError, formatRupees, initialStopPrice, entryPremium, paise, type EnteredLeg, type ResolvedLeg, type Side } from '@strikedesk/domain';
import { entrySequence } from './basket-order.ts';
import { legHeld } from './legs-closed-outside.ts';
import type { PortfolioDeps, PortfolioHandle } from './portfolio-context.ts';
import { closeBook } from './portfolio-exit.ts';

const opposite = (side: Side): Side => (side === 'BUY' ? 'SELL' : 'BUY');
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Extra rounds (each with the execution's own retries) before policy COMPLETE gives up on a leg. */
const COMPLETE_ROUNDS = 3;

/**
 * Builds the basket: legs resolved against the live chain, sent one by one in the configured
 * order, each worked to a fill by the LegExecutor. A leg that fails never leaves a silent
 * half-built position: policy UNWIND squares off what was done; COMPLETE keeps trying the
 * failed leg and, if it still cannot be done, stops with the position as it is. Either way an
 * ALERT action tells the trader what happened. Resolves with the portfolio ACTIVE or FAILED.
 */
export async function enterPortfolio(handle: PortfolioHandle, deps: PortfolioDeps, trigger: string): Promise<void> {
  const { definition } = handle;
  const before = handle.book();
  await handle.transition('ENTERING', trigger);
  await handle.journal('ENTRY_TRIGGERED', trigger, handle.snapshot(before));

  let resolved: ResolvedLeg[];
  try {
    resolved = deps.resolveLegs(definition);
  } catch (error) {
    const message = error instanceof DomainError ? error.message : 'The legs could not be resolved against the option chain.';
    if (!(error instanceof DomainError)) deps.logger.error({ err: error, portfolioId: handle.id }, 'leg resolution failed');
    await handle.journal('ALERT', `Entry failed before any order: ${message}`, handle.snapshot(before));
    await handle.transition('FAILED', message);
    return;
  }
  // Planned legs are saved before the first order: a restart mid-entry knows what was meant.
  const planned: EnteredLeg[] = resolved.map((leg) => ({
    legId: leg.legId,
    instrumentId: leg.instrumentId,
    side: leg.side,
    quantity: leg.quantity,
    entryPrice: null,
    stopPrice: null,
    closed: false,
    stopOrderId: null,
  }));
  await handle.saveRuntime({ ...handle.runtime, legs: planned, mtmBaseline: before.totalPnl, peakMtm: null, hedges: 0, entries: handle.runtime.entries + 1 });
  await completeEntry(handle, deps);
}

/**
 * Fills whatever the planned legs still miss (all of them on a fresh entry; the remainder after a
 * restart mid-entry), then arms the exit monitors. Quantities already in the portfolio's book
 * count as done, and so does a leg this entry filled (`filled`) that the book no longer holds —
 * closed from the ticket meanwhile — so nothing is ever bought twice.
 */
export async function completeEntry(handle: PortfolioHandle, deps: PortfolioDeps): Promise<void> {
  const { definition } = handle;
  const context = handle.executionContext();
  const orderTypes = new Map(definition.legs.map((leg) => [leg.id, leg.orderType ?? undefined]));
  for (const planned of entrySequence(handle.runtime.legs, definition.execution.legOrder)) {
    const orderType = orderTypes.get(planned.legId);
    const label = deps.market.instrument(planned.instrumentId)?.displayName ?? planned.instrumentId;
    // Legs resolve to distinct instruments (checked at resolution), so the book position of the
    // instrument is this leg's alone.
    const missing = (): number => {
      const held = signedHeld(handle, planned.instrumentId);
      return Math.max(0, planned.side === 'BUY' ? planned.quantity - held : planned.quantity + held);
    };
    if (planned.filled === true) continue;
    if (missing() === 0) {
      await markFilled(handle, planned.legId);
      continue;
    }
    const quantity = missing();
    let result = await deps.executor.execute(context, { legId: planned.legId, instrumentId: planned.instrumentId, side: planned.side, quantity, orderType });
    for (let round = 1; result.failure && definition.execution.onLegFailure === 'COMPLETE' && round <= COMPLETE_ROUNDS; round += 1) {
      await handle.journal('LEG_FAILED', `${label}: ${result.failure.message} Trying again (${round}/${COMPLETE_ROUNDS}).`, handle.snapshot(), { legId: planned.legId, code: result.failure.code });
      await sleep(deps.completeRetryPauseMs);
      result = await deps.executor.execute(context, { legId: planned.legId, instrumentId: planned.instrumentId, side: planned.side, quantity: missing(), orderType });
    }
    if (result.failure) {
      await handle.journal('LEG_FAILED', `${label}: ${result.failure.message}`, handle.snapshot(), { legId: planned.legId, code: result.failure.code });
      await failEntry(handle, deps, label, result.failure.message);
      return;
    }
    await markFilled(handle, planned.legId);
    await handle.journal('LEG_FILLED', `${planned.side} ${quantity} ${label} filled.`, handle.snapshot(), { legId: planned.legId, orderIds: result.orderIds });
  }
  await armExitMonitors(handle, deps);
}

/** Records that the entry filled a leg, before anything else happens to it (a restart resumes from here). */
async function markFilled(handle: PortfolioHandle, legId: string): Promise<void> {
  const legs = handle.runtime.legs.map((leg) => (leg.legId === legId ? { ...leg, filled: true } : leg));
  await handle.saveRuntime({ ...handle.runtime, legs });
}

function signedHeld(handle: PortfolioHandle, instrumentId: string): number {
  return handle
    .book()
    .positions.filter((position) => position.instrumentId === instrumentId)
    .reduce((sum, position) => sum + position.netQuantity, 0);
}

async function failEntry(handle: PortfolioHandle, deps: PortfolioDeps, label: string, reason: string): Promise<void> {
  if (handle.definition.execution.onLegFailure === 'UNWIND') {
    const unwind = await closeBook(handle, deps);
    const message = unwind.ok
      ? `Entry failed at ${label} (${reason}). The legs already filled were squared off: the portfolio holds nothing.`
      : `Entry failed at ${label} (${reason}) and the unwind could not close everything: ${unwind.message}`;
    await handle.journal('UNWOUND', unwind.ok ? 'Completed legs squared off.' : unwind.message, handle.snapshot(), { orderIds: unwind.orderIds });
    await handle.journal('ALERT', message, handle.snapshot());
    await handle.transition('FAILED', message);
    return;
  }
  const message = `Entry could not be completed at ${label} (${reason}). The legs already filled are kept: complete or exit the portfolio by hand.`;
  await handle.journal('ALERT', message, handle.snapshot());
  await handle.transition('FAILED', message);
}

/** Entry done: entry prices and stops recorded, broker stops placed, monitors armed (ACTIVE). */
async function armExitMonitors(handle: PortfolioHandle, deps: PortfolioDeps): Promise<void> {
  const book = handle.book();
  const legDefs = new Map(handle.definition.legs.map((leg) => [leg.id, leg]));
  const legs: EnteredLeg[] = handle.runtime.legs.map((leg) => {
    const position = book.positions.find((p) => p.instrumentId === leg.instrumentId && p.netQuantity !== 0);
    const entryPrice = position ? divRoundPaise(position.openCost, position.netQuantity) : null;
    const definition = legDefs.get(leg.legId);
    const tickSize = deps.market.instrument(leg.instrumentId)?.tickSize;
    const stopPrice = definition && entryPrice !== null && tickSize !== undefined ? initialStopPrice(definition, leg.side, entryPrice, tickSize) : null;
    // Not held once the entry is done: closed outside the portfolio meanwhile (ADR 0010). Closed,
    // so the monitor's "every leg closed" exit still comes.
    return { ...leg, entryPrice, stopPrice, closed: leg.closed || entryPrice === null };
  });
  for (const leg of legs.filter((each) => each.entryPrice === null)) {
    await handle.journal('ALERT', `${deps.market.instrument(leg.instrumentId)?.displayName ?? leg.instrumentId}: not held when the entry completed (closed outside the portfolio); the leg is marked closed.`, handle.snapshot(book), { legId: leg.legId });
  }
  const premium = entryPremium(legs.flatMap((leg) => (leg.entryPrice === null ? [] : [{ side: leg.side, quantity: leg.quantity, entryPrice: leg.entryPrice }])));
  let runtime = { ...handle.runtime, legs, entryPremium: premium };
  if (handle.definition.execution.stopLossAtBroker) runtime = { ...runtime, legs: await placeBrokerStops(handle, deps, legs) };
  const message = `Entered: net premium ${formatRupees(paise(premium), { sign: true })} (${premium >= 0 ? 'credit' : 'debit'}).`;
  await handle.transition('ACTIVE', message, runtime);
  await handle.journal('ENTERED', message, handle.snapshot(book, 0), { legs });
}

/** SL-M orders resting at the broker for every leg with a stop: protection without the engine. */
async function placeBrokerStops(handle: PortfolioHandle, deps: PortfolioDeps, legs: EnteredLeg[]): Promise<EnteredLeg[]> {
  const context = handle.executionContext();
  const placed: EnteredLeg[] = [];
  for (const leg of legs) {
    // Sized to what the book holds of the leg (a trade outside the portfolio may have closed part).
    const quantity = Math.min(leg.quantity, legHeld(handle, leg));
    if (leg.stopPrice === null || quantity === 0) {
      placed.push(leg);
      continue;
    }
    try {
      const order = await deps.orders.submit({
        accountId: context.accountId,
        userId: context.userId,
        origin: 'PORTFOLIO',
        order: { instrumentId: leg.instrumentId, side: opposite(leg.side), type: 'SL_M', product: context.product, quantity, price: null, triggerPrice: leg.stopPrice, portfolioId: context.portfolioId },
      });
      const ok = order.status !== 'DENIED' && order.status !== 'REJECTED';
      if (!ok) await handle.journal('ALERT', `The stop loss order at the broker for ${leg.instrumentId} was refused (${order.reasonMessage ?? order.status}); the engine still watches the stop.`, handle.snapshot());
      placed.push({ ...leg, stopOrderId: ok ? order.orderId : null });
    } catch (error) {
      const reason = error instanceof DomainError ? error.message : 'unexpected error';
      await handle.journal('ALERT', `The stop loss order at the broker for ${leg.instrumentId} could not be placed (${reason}); the engine still watches the stop.`, handle.snapshot());
      placed.push(leg);
    }
  }
  return placed;
}

/**
 * The engine stopped while this portfolio was entering. Nothing filled yet (nothing held, no leg
 * marked filled): it waits for its entry rule again. Otherwise the portfolio's own leg-failure policy decides: COMPLETE fills the legs
 * still missing, UNWIND squares off what was done. The trader is alerted either way.
 */
export async function resumeEntry(handle: PortfolioHandle, deps: PortfolioDeps): Promise<void> {
  // A leg the entry filled counts even when the book no longer holds it (the trader closed it from
  // the ticket): re-armed, the next entry would trade it again.
  const started = handle.book().positions.some((position) => position.netQuantity !== 0) || handle.runtime.legs.some((leg) => leg.filled === true);
  if (!started || handle.runtime.legs.length === 0) {
    await handle.journal('ALERT', 'The engine restarted during entry before any leg filled: waiting for the entry rule again.', handle.snapshot());
    await handle.transition('WAITING_ENTRY', 'Re-armed after an engine restart during entry.', { ...handle.runtime, legs: [], entries: Math.max(0, handle.runtime.entries - 1) });
    return;
  }
  if (handle.definition.execution.onLegFailure === 'COMPLETE') {
    await handle.journal('ALERT', 'The engine restarted during entry: completing the legs still missing.', handle.snapshot());
    await completeEntry(handle, deps);
    return;
  }
  await failEntry(handle, deps, 'an engine restart', 'the entry was interrupted');
}
