import {
  applyOrderEvent,
  canApply,
  ERROR_CODES,
  isTerminalStatus,
  istDayNumber,
  isWellFormedFill,
  ORDER_TYPES,
  TradeIdSchema,
  type AccountId,
  type EngineEvent,
  type EngineEventOf,
  type Order,
  type OrderId,
  type Product,
} from '@strikedesk/domain';
import type { BrokerBooks, BrokerOrderSnapshot, BrokerTrade } from '../brokers/broker.ts';

export const MISMATCH_KINDS = ['UNKNOWN_BROKER_ORDER', 'DUPLICATE_AT_BROKER', 'UNKNOWN_TRADE', 'MISSING_AT_BROKER', 'WORKING_AT_BROKER', 'FINISHED_AT_BROKER', 'FILLS_DIFFER', 'POSITION_DIFFERS'] as const;
export type MismatchKind = (typeof MISMATCH_KINDS)[number];

/** Something the broker's books say that the journal cannot explain. `key` identifies it across runs. */
export type Mismatch = { kind: MismatchKind; key: string; message: string; clientOrderId?: string; instrumentId?: string };

export type ReconcilePolicy = {
  /** An in-flight request older than this is settled from the books (answer lost). */
  inFlightGraceMs: number;
  /** At start-up, an order journaled but never received by the broker is sent if younger than this (else rejected). */
  resendWithinMs: number;
};

/** The account's side of the comparison, read from the trading state. */
export type ReconcileState = {
  openOrders(accountId: AccountId): Order[];
  findByClientOrderId(accountId: AccountId, clientOrderId: string): Order | undefined;
  findByBrokerOrderId(accountId: AccountId, brokerOrderId: string): Order | undefined;
  /** Whether the order's fill with this broker trade id is in the journal. */
  hasTrade(order: Order, tradeId: string): boolean;
  pendingModify(orderId: OrderId): EngineEventOf<'OrderModifyRequested'> | undefined;
  netPositions(accountId: AccountId): { instrumentId: string; product: Product; netQuantity: number }[];
  /** When reconciliation last sent this order again (its grace counts from then: nothing was journaled). */
  resentAt?(orderId: OrderId): number | undefined;
  /** The broker adapter is still waiting on a request for this order (Broker.sending): not settled yet, whatever the grace. */
  sending?(accountId: AccountId, clientOrderId: string): boolean;
  /** Why an order the broker never received may not be sent again at start-up (a halt engaged since), or null. */
  resendDenial?(order: Order): { code: string; message: string } | null;
  /** When the contract's expiry close is (epoch ms), if it has one; its positions are settled here (ExpirySettlement). */
  expiryCloseOf?(instrumentId: string): number | undefined;
  /**
   * By when a position in a contract past its expiry close must be settled here (the close of the
   * next NSE session: the settlement's price comes from it); absent: a day after the expiry close.
   */
  settlementDueOf?(instrumentId: string): number | undefined;
};

/** Since when an order has been waiting for the broker: its last journaled change, or a later resend. */
export const inFlightSince = (order: Order, resentAt: number | undefined): number => Math.max(order.updatedAt, resentAt ?? 0);

export type ReconcileOutcome = {
  /** Events the journal missed, in order, each legal after the previous ones (flagged `reconciled`). */
  events: EngineEvent[];
  /** Orders journaled as SUBMITTED that never reached the broker, to send now (start-up only). */
  resend: Order[];
  /** Cancels whose answer was lost while the order still works at the broker: send again. */
  recancel: Order[];
  mismatches: Mismatch[];
};

/** Net positions are compared per instrument and product (the broker knows no strategy books). */
const netKey = (position: { instrumentId: string; product: string }): string => `${position.instrumentId}|${position.product}`;

const WORKING_AT_BROKER: ReadonlySet<BrokerOrderSnapshot['status']> = new Set(['OPEN', 'TRIGGER_PENDING']);
/** How long after a contract's expiry close its position here may wait for the settlement, without a session calendar. */
const SETTLEMENT_WINDOW_MS = 24 * 3_600_000;
/** Where our order may take the shape the broker's book shows (no modify or cancel of ours awaiting an answer). */
const ADOPTS_BROKER_SHAPE: ReadonlySet<Order['status']> = new Set(['OPEN', 'TRIGGER_PENDING', 'PARTIALLY_FILLED']);

/**
 * Whether the broker's row gives a shape an order can stand in and the journal can hold: a positive
 * whole quantity, and a price and trigger exactly where the type has them. An adapter that could not
 * read a field hands over 0 or null (XTS: a missing OrderQuantity is 0, a LIMIT's missing price
 * null); adopted, a quantity of 0 was journaled, and a journal holding an event its schema refuses
 * cannot be replayed — the engine could not start again.
 */
const isAdoptableShape = (broker: BrokerOrderSnapshot): boolean => {
  const priced = broker.type === 'LIMIT' || broker.type === 'SL';
  const stop = broker.type === 'SL' || broker.type === 'SL_M';
  const fits = (value: number | null, wanted: boolean) => (wanted ? value !== null && Number.isSafeInteger(value) && value > 0 : value === null);
  return fits(broker.quantity, true) && fits(broker.price, priced) && fits(broker.triggerPrice, stop) && (ORDER_TYPES as readonly string[]).includes(broker.type);
};

/**
 * A fill the journal can hold: besides a positive whole quantity and price (isWellFormedFill), a
 * trade id and an execution time its schema takes (replay parses every record with it).
 */
const isJournalableFill = (event: EngineEventOf<'OrderFilled'>): boolean =>
  isWellFormedFill(event) && TradeIdSchema.safeParse(event.tradeId).success && (event.executedAt === undefined || Number.isSafeInteger(event.executedAt));

/** Whether the broker's order stands in this shape (quantity, type, price, trigger). */
const brokerHasShape = (broker: BrokerOrderSnapshot, shape: Pick<Order, 'quantity' | 'type' | 'price' | 'triggerPrice'>): boolean =>
  broker.quantity === shape.quantity && broker.type === shape.type && broker.price === shape.price && broker.triggerPrice === shape.triggerPrice;

/**
 * Compares one account's orders, fills and positions with the broker's books and derives what the
 * journal missed (docs/adr/0013-broker-outcomes-and-reconciliation.md). Pure: the Reconciler
 * journals the events, sends the resends and cancels, and turns confirmed mismatches into a halt.
 *
 * Orders are matched by our client order id (what the broker echoes back), trades by the broker's
 * trade id. For each order the derived events come in venue order: accepted (or rejected) →
 * triggered → modified → fills → the broker's final status. An order the broker never received is
 * sent again only at start-up and only when young (the process that sent it is gone, so no copy can
 * still be on the wire) and not halted since; otherwise it is rejected (BROKER_NOT_RECEIVED once its
 * grace has passed, or the halt's code).
 */
export function reconcileAccount(args: {
  accountId: AccountId;
  books: BrokerBooks;
  state: ReconcileState;
  now: number;
  startup: boolean;
  policy: ReconcilePolicy;
  /** When the read of `books` began (engine clock); absent: now. What changed here since, they cannot show. */
  booksReadAt?: number;
}): ReconcileOutcome {
  const { accountId, books, state, now, startup, policy } = args;
  const booksReadAt = args.booksReadAt ?? now;
  const outcome: ReconcileOutcome = { events: [], resend: [], recancel: [], mismatches: [] };

  const brokerOrders = new Map<string, BrokerOrderSnapshot>();
  for (const order of books.orders) {
    if (order.accountId !== accountId) continue;
    if (brokerOrders.has(order.clientOrderId)) {
      outcome.mismatches.push({
        kind: 'DUPLICATE_AT_BROKER',
        key: `DUPLICATE_AT_BROKER|${order.clientOrderId}`,
        clientOrderId: order.clientOrderId,
        message: `The broker holds more than one order with client order id ${order.clientOrderId}.`,
      });
      // Ours is compared with the one the broker acknowledged to us, wherever the book lists it: the
      // other's status (a cancelled second send) would otherwise be journaled onto ours.
      if (state.findByClientOrderId(accountId, order.clientOrderId)?.brokerOrderId === order.brokerOrderId) brokerOrders.set(order.clientOrderId, order);
      continue;
    }
    brokerOrders.set(order.clientOrderId, order);
  }

  const candidates = new Map<string, Order>();
  for (const order of state.openOrders(accountId)) candidates.set(order.orderId, order);
  for (const broker of brokerOrders.values()) {
    const ours = state.findByClientOrderId(accountId, broker.clientOrderId);
    if (!ours) {
      outcome.mismatches.push({
        kind: 'UNKNOWN_BROKER_ORDER',
        key: `UNKNOWN_BROKER_ORDER|${broker.brokerOrderId}`,
        clientOrderId: broker.clientOrderId,
        instrumentId: broker.instrumentId,
        message: `The broker has order ${broker.brokerOrderId} (${broker.side} ${broker.quantity} ${broker.instrumentId}, ${broker.status}) that this terminal never placed.`,
      });
    } else if (!candidates.has(ours.orderId) && (broker.filledQuantity !== ours.filledQuantity || (isTerminalStatus(ours.status) && WORKING_AT_BROKER.has(broker.status)))) {
      candidates.set(ours.orderId, ours);
    }
  }
  const newTrades = new Map<string, BrokerTrade[]>();
  for (const trade of books.trades) {
    if (trade.accountId !== accountId) continue;
    // By client order id first (a map lookup), checked against the broker's order id; else by that (a scan).
    const byClientOrderId = state.findByClientOrderId(accountId, trade.clientOrderId);
    // (A duplicate at the broker followed live has its fills on the order of that client order id.)
    if (byClientOrderId !== undefined && state.hasTrade(byClientOrderId, trade.tradeId)) continue;
    const ours = byClientOrderId !== undefined && (byClientOrderId.brokerOrderId === null || byClientOrderId.brokerOrderId === trade.brokerOrderId) ? byClientOrderId : state.findByBrokerOrderId(accountId, trade.brokerOrderId);
    if (ours && state.hasTrade(ours, trade.tradeId)) continue;
    // A trade the book lists twice is one fill: folded twice it would fill the order past the broker's.
    if (ours && newTrades.get(ours.orderId)?.some((queued) => queued.tradeId === trade.tradeId)) continue;
    if (!ours) {
      outcome.mismatches.push({
        kind: 'UNKNOWN_TRADE',
        key: `UNKNOWN_TRADE|${trade.tradeId}`,
        instrumentId: trade.instrumentId,
        message: `The broker reports trade ${trade.tradeId} (${trade.side} ${trade.quantity} ${trade.instrumentId}) for an order this terminal never placed.`,
      });
      continue;
    }
    candidates.set(ours.orderId, ours);
    const list = newTrades.get(ours.orderId) ?? [];
    list.push(trade);
    newTrades.set(ours.orderId, list);
  }

  const fills = new Map<string, number>(); // position key → signed quantity the derived fills add
  for (const order of [...candidates.values()].sort((a, b) => a.createdAt - b.createdAt)) {
    reconcileOrder(order, brokerOrders.get(order.clientOrderId), (newTrades.get(order.orderId) ?? []).sort((a, b) => a.executedAt - b.executedAt), {
      outcome,
      state,
      now,
      booksReadAt,
      startup,
      policy,
      onFill: (quantity) => {
        const key = netKey(order);
        fills.set(key, (fills.get(key) ?? 0) + (order.side === 'BUY' ? quantity : -quantity));
      },
    });
  }

  const ours = new Map<string, { instrumentId: string; product: Product; netQuantity: number }>();
  for (const position of state.netPositions(accountId)) ours.set(netKey(position), { instrumentId: position.instrumentId, product: position.product, netQuantity: position.netQuantity });
  for (const [key, quantity] of fills) {
    const [instrumentId = '', product = 'NRML'] = key.split('|');
    const entry = ours.get(key) ?? { instrumentId, product: product as Product, netQuantity: 0 };
    entry.netQuantity += quantity;
    ours.set(key, entry);
  }
  const theirs = new Map<string, number>();
  for (const position of books.positions) if (position.accountId === accountId) theirs.set(netKey(position), position.netQuantity);
  for (const key of new Set([...ours.keys(), ...theirs.keys()])) {
    const mine = ours.get(key)?.netQuantity ?? 0;
    const broker = theirs.get(key) ?? 0;
    if (mine === broker) continue;
    const [instrumentId = '', product = ''] = key.split('|');
    // A contract past its expiry close: settled here (flat), while the broker books the settlement at
    // its end of day and lists the position until then — or not settled yet (waiting for its
    // settlement price or for orders still working), which it is given a day for before it counts.
    // The wait runs to the next session's close, not a fixed day: after an expiry before a weekend
    // or a holiday, the session whose first price settles it starts days later.
    const closeAt = state.expiryCloseOf?.(instrumentId);
    if (closeAt !== undefined && now >= closeAt && (mine === 0 || now < (state.settlementDueOf?.(instrumentId) ?? closeAt + SETTLEMENT_WINDOW_MS))) continue;
    outcome.mismatches.push({
      kind: 'POSITION_DIFFERS',
      // The difference, not the two values: once acknowledged, trading on does not raise it again.
      key: `POSITION_DIFFERS|${instrumentId}|${product}|${broker - mine}`,
      instrumentId,
      message: `${instrumentId} ${product}: the broker holds ${broker}, the journal's fills add up to ${mine}.`,
    });
  }
  return outcome;
}

function reconcileOrder(
  order: Order,
  broker: BrokerOrderSnapshot | undefined,
  trades: BrokerTrade[],
  context: { outcome: ReconcileOutcome; state: ReconcileState; now: number; booksReadAt: number; startup: boolean; policy: ReconcilePolicy; onFill(quantity: number): void },
): void {
  const { outcome, now, startup, policy } = context;
  let current = order;
  const base = { accountId: order.accountId, orderId: order.orderId, at: now, reconciled: true as const };
  const push = (event: EngineEvent): boolean => {
    // A malformed trade is not folded in: the fills then differ, which halts the account for a look.
    if (!canApply(current, event) || (event.type === 'OrderFilled' && !isJournalableFill(event))) return false;
    outcome.events.push(event);
    current = applyOrderEvent(current, event);
    return true;
  };
  // Judged by when the books were read, not by now: books read before the order was placed (or its
  // modify asked for), or within the grace after, cannot show what the broker made of it — and by an
  // account's turn in a run they can be seconds old. Settled from them, an order the broker took was
  // rejected here as never received (a later look blocked the account; the trader, told it was
  // rejected, could place it again), and a modify it applied was given up as not confirmed.
  const graceOver = context.booksReadAt - inFlightSince(order, context.state.resentAt?.(order.orderId)) >= policy.inFlightGraceMs;
  const settled = (graceOver && !(context.state.sending?.(order.accountId, order.clientOrderId) ?? false)) || startup;

  if (!broker) {
    for (const trade of trades) if (push({ type: 'OrderFilled', ...base, tradeId: trade.tradeId, quantity: trade.quantity, price: trade.price, executedAt: trade.executedAt })) context.onFill(trade.quantity);
    if (current.status === 'SUBMITTED') {
      if (startup && now - order.createdAt <= policy.resendWithinMs) {
        // Not past a halt engaged while it was on its way (or while the engine was down).
        const halted = context.state.resendDenial?.(current) ?? null;
        if (halted) push(notResent(current, halted, now));
        else outcome.resend.push(current);
      } else if (settled) push({ type: 'OrderRejected', ...base, reasonCode: 'BROKER_NOT_RECEIVED', reasonMessage: ERROR_CODES.BROKER_NOT_RECEIVED });
    } else if (!isTerminalStatus(current.status) && istDayNumber(order.createdAt) < istDayNumber(now)) {
      // A day order from an earlier session: the exchange expired it at that day's close (done, if
      // its fills had completed it), and a broker's books hold today's orders only (Kite's /orders).
      // Any fills it missed meanwhile show as a position that differs, which still halts the account.
      push(current.filledQuantity >= current.quantity ? { type: 'OrderCompleted', ...base } : { type: 'OrderExpired', ...base });
    } else if (!isTerminalStatus(current.status)) {
      outcome.mismatches.push({
        kind: 'MISSING_AT_BROKER',
        key: `MISSING_AT_BROKER|${order.clientOrderId}`,
        clientOrderId: order.clientOrderId,
        instrumentId: order.instrumentId,
        message: `Order ${order.orderId} (${order.clientOrderId}) is ${current.status} here, but the broker has no such order.`,
      });
    }
    return;
  }

  if (current.status === 'SUBMITTED') {
    if (broker.status === 'REJECTED') {
      push({ type: 'OrderRejected', ...base, reasonCode: broker.reasonCode ?? 'BROKER_REJECTED', reasonMessage: broker.reasonMessage ?? 'The broker rejected the order.' });
      return;
    }
    push({ type: 'OrderAccepted', ...base, brokerOrderId: broker.brokerOrderId });
  } else if (current.brokerOrderId === null) push({ type: 'OrderAccepted', ...base, brokerOrderId: broker.brokerOrderId }); // filled before its accept arrived
  if (broker.triggered && current.triggeredAt === null && (current.type === 'SL' || current.type === 'SL_M')) push({ type: 'OrderTriggered', ...base });
  // A modify up the exchange applied, whose first fills (up to the old quantity) finished the order
  // here before its answer: the book shows it larger and working, or filled beyond — it works on.
  // Only from books read after its last change here: older ones may show the size it had before a
  // modify down that then filled (re-opened, it would work here for more than the broker holds).
  const readAfterLastChange = context.booksReadAt >= order.updatedAt;
  if (current.status === 'FILLED' && readAfterLastChange && isAdoptableShape(broker) && broker.quantity > current.filledQuantity && (WORKING_AT_BROKER.has(broker.status) || broker.filledQuantity > current.filledQuantity)) {
    push({ type: 'OrderModified', ...base, quantity: broker.quantity, orderType: broker.type, price: broker.price, triggerPrice: broker.triggerPrice });
  }
  // A modify still unanswered — also under a cancel requested after it.
  if (current.status === 'PENDING_MODIFY' || (current.status === 'PENDING_CANCEL' && context.state.pendingModify(order.orderId) !== undefined)) {
    const pending = context.state.pendingModify(order.orderId);
    // Only books read once it was asked for can confirm it: older ones may show the very shape it
    // asks for as the order's shape before an earlier modify (a limit moved up, then back).
    const applied = pending !== undefined && context.booksReadAt >= pending.at && brokerHasShape(broker, { quantity: pending.quantity, type: pending.orderType, price: pending.price, triggerPrice: pending.triggerPrice });
    if (applied) push({ type: 'OrderModified', ...base, quantity: pending.quantity, orderType: pending.orderType, price: pending.price, triggerPrice: pending.triggerPrice });
    else if (settled || !WORKING_AT_BROKER.has(broker.status)) {
      push({ type: 'OrderModifyRejected', ...base, reasonCode: 'BROKER_MODIFY_NOT_CONFIRMED', reasonMessage: ERROR_CODES.BROKER_MODIFY_NOT_CONFIRMED });
    }
  }
  // A working order the broker holds in another shape, with no modify of ours on its way and nothing
  // new here for a grace before the books were read (they may lag a change we made, and cannot show
  // one made after their read — a busy account's books can be seconds old by its turn): modified
  // where we could not see it — in the broker's own terminal, or a modify given up as not confirmed
  // that the broker applied after all. The broker's book is what the exchange works; left as it was,
  // the risk limits would count the wrong order and its fills would overrun it.
  const quiet = context.booksReadAt - order.updatedAt >= policy.inFlightGraceMs;
  if (quiet && ADOPTS_BROKER_SHAPE.has(current.status) && !brokerHasShape(broker, current) && isAdoptableShape(broker)) {
    push({ type: 'OrderModified', ...base, quantity: broker.quantity, orderType: broker.type, price: broker.price, triggerPrice: broker.triggerPrice });
  }
  for (const trade of trades) {
    if (push({ type: 'OrderFilled', ...base, tradeId: trade.tradeId, quantity: trade.quantity, price: trade.price, executedAt: trade.executedAt })) context.onFill(trade.quantity);
  }
  // Complete at the broker, and our fills cover the quantity (a modify down answered after its fills,
  // a lost cancel answer): done here too.
  if (broker.status === 'FILLED' && current.filledQuantity === broker.filledQuantity) push({ type: 'OrderCompleted', ...base });
  if (broker.status === 'CANCELED') push({ type: 'OrderCanceled', ...base });
  else if (broker.status === 'EXPIRED') push({ type: 'OrderExpired', ...base });
  else if (broker.status === 'REJECTED') push({ type: 'OrderRejected', ...base, reasonCode: broker.reasonCode ?? 'BROKER_REJECTED', reasonMessage: broker.reasonMessage ?? 'The broker rejected the order.' });
  if (current.filledQuantity !== broker.filledQuantity) {
    outcome.mismatches.push({
      kind: 'FILLS_DIFFER',
      key: `FILLS_DIFFER|${order.clientOrderId}|${broker.filledQuantity - current.filledQuantity}`,
      clientOrderId: order.clientOrderId,
      instrumentId: order.instrumentId,
      message: `Order ${order.orderId} (${order.clientOrderId}): the broker reports ${broker.filledQuantity} filled, the journal ${current.filledQuantity}.`,
    });
  }
  if (quiet && !isTerminalStatus(current.status) && !WORKING_AT_BROKER.has(broker.status) && current.filledQuantity === broker.filledQuantity) {
    // Done at the broker with the fills we have, yet no event here can finish it (a REJECTED after
    // fills, say). Left alone it would work here for good.
    outcome.mismatches.push({
      kind: 'FINISHED_AT_BROKER',
      key: `FINISHED_AT_BROKER|${order.clientOrderId}`,
      clientOrderId: order.clientOrderId,
      instrumentId: order.instrumentId,
      message: `Order ${order.orderId} (${order.clientOrderId}) is ${current.status} here (${current.filledQuantity} of ${current.quantity} filled), but the broker has finished it (${broker.status}, ${broker.filledQuantity} of ${broker.quantity}).`,
    });
  }
  if (current.status === 'PENDING_CANCEL' && WORKING_AT_BROKER.has(broker.status) && settled) outcome.recancel.push(current);
  if (isTerminalStatus(current.status) && WORKING_AT_BROKER.has(broker.status)) {
    // Finished here, live there (e.g. rejected as never received, then the broker took it after all):
    // nothing here can cancel or follow it, so an admin must look.
    outcome.mismatches.push({
      kind: 'WORKING_AT_BROKER',
      key: `WORKING_AT_BROKER|${order.clientOrderId}`,
      clientOrderId: order.clientOrderId,
      instrumentId: order.instrumentId,
      message: `Order ${order.orderId} (${order.clientOrderId}) is ${current.status} here, but the broker still works it (${broker.status}, ${broker.brokerOrderId}).`,
    });
  }
}

/** The rejection of an order that never reached the broker and, a halt having engaged since, is not sent again at start-up. */
export function notResent(order: Order, halted: { code: string; message: string }, now: number): EngineEvent {
  return { type: 'OrderRejected', accountId: order.accountId, orderId: order.orderId, at: now, reconciled: true, reasonCode: halted.code, reasonMessage: `It never reached the broker and was not sent again after the restart. ${halted.message}` };
}
