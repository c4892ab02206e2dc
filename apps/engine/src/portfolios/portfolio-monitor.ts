import {
  asOrderId,
  entryDue,
  evaluateLeg,
  evaluatePortfolioExit,
  hedgeDecision,
  markPrice,
  trackRange,
  type EnteredLeg,
  type Paise,
  type PortfolioRuntime,
} from '@strikedesk/domain';
import type { PortfolioDeps, PortfolioHandle } from './portfolio-context.ts';
import { closeOvershoot, followTradesOutside } from './legs-closed-outside.ts';
import { enterPortfolio } from './portfolio-entry.ts';
import { closeLeg, exitPortfolio } from './portfolio-exit.ts';

/** Peak MTM and range updates are saved at most this often (a restart may lose the last second). */
const RUNTIME_SAVE_INTERVAL_MS = 1_000;

/**
 * One evaluation of an armed portfolio waiting for its entry: range tracking (breakout entries),
 * the entry rule and the extra conditions; enters when all hold.
 */
export async function evaluateWaiting(handle: PortfolioHandle, deps: PortfolioDeps, lastSavedAt: { at: number }): Promise<void> {
  const now = deps.now();
  const { entry, settings } = handle.definition;
  const underlying = deps.market.underlyingPrice(settings.underlying);
  let breakout: 'UP' | 'DOWN' | null = null;
  if (entry.rule.kind === 'RANGE_BREAKOUT') {
    const value = entry.rule.source === 'UNDERLYING' ? underlying : combinedPremium(handle, deps);
    if (value === null) return;
    const update = trackRange({ rule: entry.rule, range: handle.runtime.range, value, now });
    breakout = update.breakout;
    if (!sameRange(update.range, handle.runtime.range)) await saveThrottled(handle, { ...handle.runtime, range: update.range }, now, lastSavedAt, breakout !== null);
  }
  const due = entryDue({ rule: entry.rule, conditions: entry.conditions, now, underlying, breakout });
  if (!due.due) return;
  const why =
    entry.rule.kind === 'IMMEDIATE' ? 'Entry: immediately.' : entry.rule.kind === 'AT_TIME' ? `Entry: time ${entry.rule.time} reached.` : `Entry: range broken ${breakout === 'UP' ? 'upwards' : 'downwards'}.`;
  await enterPortfolio(handle, deps, why);
}

/** Σ premium × lots of the legs as they would resolve now (the "combined premium" breakout source). */
function combinedPremium(handle: PortfolioHandle, deps: PortfolioDeps): number | null {
  try {
    return deps.resolveLegs(handle.definition).reduce((sum, leg) => sum + leg.price * (leg.quantity / leg.lotSize), 0);
  } catch {
    return null;
  }
}

const sameRange = (a: PortfolioRuntime['range'], b: PortfolioRuntime['range']): boolean =>
  a === b || (a !== null && b !== null && a.day === b.day && a.high === b.high && a.low === b.low);

async function saveThrottled(handle: PortfolioHandle, runtime: PortfolioRuntime, now: number, lastSavedAt: { at: number }, force: boolean): Promise<void> {
  if (!force && now - lastSavedAt.at < RUNTIME_SAVE_INTERVAL_MS) {
    handle.portfolio = { ...handle.portfolio, runtime }; // kept in memory; saved with the next save
    return;
  }
  lastSavedAt.at = now;
  await handle.saveRuntime(runtime);
}

/**
 * One evaluation of an active portfolio: broker stops that filled, per-leg targets / stops /
 * trailing, the combined-MTM exit rules, then the delta hedge. Every action is journaled with the
 * market snapshot that triggered it.
 */
export async function evaluateActive(handle: PortfolioHandle, deps: PortfolioDeps, lastSavedAt: { at: number }): Promise<void> {
  const now = deps.now();
  const { definition } = handle;
  const legDefs = new Map(definition.legs.map((leg) => [leg.id, leg]));
  let legs = handle.runtime.legs;
  let changed = false;

  for (const asEntered of legs) {
    if (asEntered.closed || asEntered.entryPrice === null) continue;
    let entered = asEntered;
    const leg = legDefs.get(entered.legId);
    const instrument = deps.market.instrument(entered.instrumentId);
    const tick = deps.market.latest(entered.instrumentId);
    const last = tick ? markPrice(tick) : undefined;
    if (!leg || !instrument || last === undefined) continue;
    const brokerStop = entered.stopOrderId === null ? undefined : deps.state.order(entered.stopOrderId);
    if (brokerStop?.status === 'FILLED') {
      legs = replaceLeg(legs, { ...entered, closed: true, stopOrderId: null });
      changed = true;
      await handle.journal('LEG_STOP', `${instrument.displayName}: stop loss filled at the broker.`, handle.snapshot(undefined, null, { [entered.instrumentId]: last }), { legId: entered.legId, orderId: brokerStop.orderId });
      await closeOvershoot(handle, deps, entered, instrument.displayName);
      continue;
    }
    const followed = await followTradesOutside(handle, deps, entered, instrument.displayName);
    if (followed.waiting) continue;
    if (followed.leg !== entered) {
      legs = replaceLeg(legs, (entered = followed.leg));
      changed = true;
      if (entered.closed) continue;
    }
    const result = evaluateLeg({ leg, entered, lastPrice: last, tickSize: instrument.tickSize });
    if (result.moved) {
      legs = replaceLeg(legs, { ...entered, stopPrice: result.moved.to });
      changed = true;
      await handle.journal('STOP_MOVED', `${instrument.displayName}: stop moved ${result.moved.why === 'COST' ? 'to cost' : 'by trailing'} to ₹${(result.moved.to / 100).toFixed(2)}.`, handle.snapshot(undefined, null, { [entered.instrumentId]: last }), {
        legId: entered.legId,
        from: result.moved.from,
        to: result.moved.to,
      });
      if (entered.stopOrderId !== null) await moveBrokerStop(handle, deps, entered.stopOrderId, result.moved.to);
    }
    if (result.trigger) {
      const current = legs.find((l) => l.legId === entered.legId) ?? entered;
      await handle.journal(result.trigger.reason, `${instrument.displayName}: ${result.trigger.message}`, handle.snapshot(undefined, null, { [entered.instrumentId]: last }), { legId: entered.legId });
      const closed = await closeLeg(handle, deps, current);
      if (!closed.ok) await handle.journal('ALERT', `${instrument.displayName}: the leg could not be closed (${closed.message}).`, handle.snapshot());
      if (closed.alert) await handle.journal('ALERT', `${instrument.displayName}: ${closed.alert}`, handle.snapshot());
      legs = replaceLeg(legs, { ...current, closed: closed.ok, stopOrderId: closed.ok ? null : current.stopOrderId });
      changed = true;
    }
  }
  if (changed) await handle.saveRuntime({ ...handle.runtime, legs });

  const book = handle.book();
  const mtm = book.totalPnl - handle.runtime.mtmBaseline;
  if (legs.length > 0 && legs.every((leg) => leg.closed)) {
    await exitPortfolio(handle, deps, 'ALL_LEGS_CLOSED', 'Every leg closed (on its own target or stop, or by a trade outside the portfolio).', mtm);
    return;
  }
  const exit = evaluatePortfolioExit({ exit: definition.exit, mtm, entryPremium: handle.runtime.entryPremium, peakMtm: handle.runtime.peakMtm, now });
  if (exit.trigger) {
    await exitPortfolio(handle, deps, exit.trigger.reason, exit.trigger.message, mtm);
    return;
  }
  if (exit.peakMtm !== handle.runtime.peakMtm) await saveThrottled(handle, { ...handle.runtime, peakMtm: exit.peakMtm }, now, lastSavedAt, false);
  await hedge(handle, deps, book.netDelta, mtm);
}

function replaceLeg(legs: readonly EnteredLeg[], next: EnteredLeg): EnteredLeg[] {
  return legs.map((leg) => (leg.legId === next.legId ? next : leg));
}

async function moveBrokerStop(handle: PortfolioHandle, deps: PortfolioDeps, orderId: string, trigger: Paise): Promise<void> {
  const { accountId, userId } = handle.portfolio;
  await deps.orders.modify({ accountId, userId, modify: { orderId: asOrderId(orderId), triggerPrice: trigger } }).catch(async (error: unknown) => {
    await handle.journal('ALERT', `The stop at the broker could not be moved (${error instanceof Error ? error.message : 'unknown error'}); the engine still watches the new stop.`, handle.snapshot());
  });
}

/** Brings net delta back inside the band with futures or ATM options, bounded by maxHedges. */
async function hedge(handle: PortfolioHandle, deps: PortfolioDeps, netDelta: number | null, mtm: number): Promise<void> {
  const settings = handle.definition.hedge;
  if (!settings || netDelta === null) return;
  const underlying = handle.definition.settings.underlying;
  const probe = deps.hedgeInstrument(underlying, settings.instrument === 'FUTURE' ? null : netDelta > 0 ? 'PE' : 'CE');
  if (!probe) return;
  const deltaPerUnit = settings.instrument === 'FUTURE' ? 1 : Math.abs(deps.market.unitDelta(probe) ?? 0);
  if (deltaPerUnit === 0) return;
  const decision = hedgeDecision({
    netDelta,
    band: settings.deltaBand,
    lotSize: probe.lotSize,
    deltaPerUnit,
    hedgesSoFar: handle.runtime.hedges,
    maxHedges: settings.maxHedges,
    instrument: settings.instrument,
  });
  if (!decision) return;
  const quantity = decision.lots * probe.lotSize;
  const result = await deps.executor.execute(handle.executionContext(), { legId: 'hedge', instrumentId: probe.id, side: decision.side, quantity });
  const snapshot = handle.snapshot(undefined, mtm);
  await handle.saveRuntime({ ...handle.runtime, hedges: handle.runtime.hedges + 1 });
  if (result.failure) {
    await handle.journal('ALERT', `Delta hedge failed: ${decision.side} ${quantity} ${probe.displayName}: ${result.failure.message}`, snapshot, { netDelta });
    return;
  }
  await handle.journal('HEDGE', `Delta ${netDelta.toFixed(1)} outside ±${settings.deltaBand}: ${decision.side} ${quantity} ${probe.displayName}. ${decision.message}`, snapshot, {
    netDelta,
    side: decision.side,
    quantity,
    instrumentId: probe.id,
    orderIds: result.orderIds,
    expectedDeltaAfter: decision.expectedDeltaAfter,
  });
}

