import { istDayNumber, istDayStart, type EngineEvent, type Order, type PositionView, type TradingHalt } from '@strikedesk/domain';
import type { z } from 'zod';
import type { BooksSchema } from '../../apps/engine/src/brokers/paper-venue/venue-protocol.ts';
import type { ActionRecord, Ledger, SubmitRecord } from './crash-traders.ts';

/**
 * The crash harness's assertions, pure: what was observed in (the ledger of acknowledged commands,
 * the journal in PostgreSQL, the engine's answers, the venue's books, the gateway's event stream),
 * failures with their evidence out. Each failure names the account, the order and what was expected
 * against what was found, with the order's journal events and the venue's view of it.
 */

export type VenueBooks = z.infer<typeof BooksSchema>;
type VenueOrder = VenueBooks['orders'][number];

export type JournalRow = { seq: number; event: EngineEvent };

export type StreamRecord = {
  /** The journal seq the gateway's stream started after (its live end when the harness began). */
  startSeq: number;
  /** Every seq delivered by the gateway's onEnvelope, in delivery order. */
  seqs: number[];
  /** What each delivery said (event type and order id), to compare with the journal row. */
  delivered: Map<number, { type: string; orderId: string }[]>;
  /** The order as the stream last showed it. */
  lastOrders: Map<string, Order>;
};

export type Observed = {
  now: number;
  journal: JournalRow[];
  engineLastSeq: number;
  engineOrders: Map<string, Order[]>;
  enginePositions: Map<string, PositionView[]>;
  venue: VenueBooks;
  activeHalts: TradingHalt[];
  recentHalts: TradingHalt[];
  stream: StreamRecord;
};

export type CheckId = '1-acknowledged-orders' | '2-no-duplicate-at-broker' | '3-positions-equal-fills' | '4-event-stream-and-status' | '5-no-reconciliation-halt';

export type Failure = { check: CheckId | 'processes'; title: string; details: string[] };

export type CheckFigures = { duplicatesAtBroker: number; streamGaps: number; streamDuplicates: number; fills: number; venueTrades: number };

const IN_FLIGHT = new Set(['SUBMITTED', 'PENDING_CANCEL', 'PENDING_MODIFY']);
const WORKING_AT_ENGINE = new Set(['OPEN', 'TRIGGER_PENDING', 'PARTIALLY_FILLED']);
const WORKING_AT_VENUE = new Set(['OPEN', 'TRIGGER_PENDING']);
const MAX_LISTED = 25;

const key = (accountId: string, clientOrderId: string) => `${accountId}|${clientOrderId}`;
const positionKeyOf = (accountId: string, instrumentId: string, product: string) => `${accountId}|${instrumentId}|${product}`;
const short = (accountId: string) => accountId.slice(0, 8);

function limit<T>(items: readonly T[], render: (item: T) => string[]): string[] {
  const lines = items.slice(0, MAX_LISTED).flatMap(render);
  if (items.length > MAX_LISTED) lines.push(`… and ${items.length - MAX_LISTED} more`);
  return lines;
}

function describeEvent(row: JournalRow): string {
  const { event } = row;
  const fields: string[] = [];
  switch (event.type) {
    case 'OrderSubmitted':
    case 'OrderDenied':
      fields.push(`${event.clientOrderId} ${event.spec.side} ${event.spec.quantity} ${event.spec.instrumentId} ${event.spec.type}${event.spec.price === null ? '' : ` @${event.spec.price}`} ${event.spec.product}`);
      if (event.slice) fields.push(`slice ${event.slice.index}/${event.slice.count} of ${event.slice.parentClientOrderId}`);
      if (event.type === 'OrderDenied') fields.push(`${event.reasonCode}`);
      break;
    case 'OrderAccepted':
      fields.push(event.brokerOrderId);
      break;
    case 'OrderRejected':
    case 'OrderModifyRejected':
    case 'OrderCancelRejected':
      fields.push(event.reasonCode);
      break;
    case 'OrderFilled':
      fields.push(`${event.tradeId} ${event.quantity} @${event.price}`);
      break;
    case 'OrderModifyRequested':
    case 'OrderModifyDenied':
    case 'OrderModified':
      fields.push(`${event.orderType} ${event.quantity}${event.price === null ? '' : ` @${event.price}`}`);
      if (event.type === 'OrderModifyDenied') fields.push(event.reasonCode);
      break;
    default:
      break;
  }
  return `seq ${row.seq} ${event.type}${fields.length ? ` ${fields.join(' ')}` : ''}${event.reconciled ? ' (reconciled)' : ''} at ${new Date(event.at).toISOString()}`;
}

function describeVenueOrder(order: VenueOrder): string {
  return `${order.brokerOrderId} ${order.clientOrderId} ${order.side} ${order.quantity} ${order.instrumentId} ${order.type}${order.price === null ? '' : ` @${order.price}`} ${order.product} ${order.status} filled ${order.filledQuantity}${order.reasonCode ? ` ${order.reasonCode}` : ''}`;
}

function describeOrder(order: Order | undefined): string {
  if (!order) return 'not reported';
  return `${order.orderId} ${order.clientOrderId} ${order.side} ${order.quantity} ${order.type}${order.price === null ? '' : ` @${order.price}`} ${order.status} filled ${order.filledQuantity} broker ${order.brokerOrderId ?? '-'}${order.reasonCode ? ` ${order.reasonCode}` : ''}`;
}

function describeAttempts(record: SubmitRecord | ActionRecord): string {
  return record.attempts.map((attempt, index) => `#${index + 1} engine run ${attempt.run} ${attempt.outcome}${attempt.detail ? ` (${attempt.detail})` : ''}`).join('; ');
}

/** Indexes shared by the checks. */
class Index {
  readonly byOrder = new Map<string, JournalRow[]>();
  readonly creation = new Map<string, JournalRow & { event: Extract<EngineEvent, { type: 'OrderSubmitted' | 'OrderDenied' }> }>();
  readonly creationsByClientOrderId = new Map<string, string[]>();
  readonly engineOrder = new Map<string, Order>();
  readonly venueByClientOrderId = new Map<string, VenueOrder[]>();

  constructor(readonly observed: Observed) {
    for (const row of observed.journal) {
      const list = this.byOrder.get(row.event.orderId) ?? [];
      list.push(row);
      this.byOrder.set(row.event.orderId, list);
      if (row.event.type === 'OrderSubmitted' || row.event.type === 'OrderDenied') {
        this.creation.set(row.event.orderId, row as JournalRow & { event: typeof row.event });
        const k = key(row.event.accountId, row.event.clientOrderId);
        this.creationsByClientOrderId.set(k, [...(this.creationsByClientOrderId.get(k) ?? []), row.event.orderId]);
      }
    }
    for (const orders of observed.engineOrders.values()) for (const order of orders) this.engineOrder.set(order.orderId, order);
    for (const order of observed.venue.orders) {
      const k = key(order.accountId, order.clientOrderId);
      this.venueByClientOrderId.set(k, [...(this.venueByClientOrderId.get(k) ?? []), order]);
    }
  }

  /** Everything known about one order, for a failure report. */
  evidence(orderId: string | undefined, accountId: string, clientOrderId: string): string[] {
    const lines: string[] = [];
    const rows = orderId ? (this.byOrder.get(orderId) ?? []) : [];
    lines.push(`    journal (${rows.length} events):`);
    for (const row of rows) lines.push(`      ${describeEvent(row)}`);
    lines.push(`    engine orders.list: ${describeOrder(orderId ? this.engineOrder.get(orderId) : undefined)}`);
    lines.push(`    gateway stream last showed: ${describeOrder(orderId ? this.observed.stream.lastOrders.get(orderId) : undefined)}`);
    const venue = this.venueByClientOrderId.get(key(accountId, clientOrderId)) ?? [];
    lines.push(`    venue: ${venue.length === 0 ? 'no order with this client order id' : venue.map(describeVenueOrder).join(' | ')}`);
    return lines;
  }
}

/** 1. Every acknowledged order is in the journal and in orders.list, with the acknowledged order id. */
function checkAcknowledged(index: Index, ledger: Ledger, failures: Failure[]): void {
  const { observed } = index;
  const todayStart = istDayStart(istDayNumber(observed.now));
  const lost: string[] = [];
  let lostCount = 0;
  const push = (lines: string[]) => {
    lostCount += 1;
    if (lostCount <= MAX_LISTED) lost.push(...lines);
  };
  for (const record of ledger.acknowledged()) {
    const ack = record.ack;
    if (!ack) continue;
    const journaled = index.creationsByClientOrderId.get(key(record.accountId, record.clientOrderId)) ?? [];
    const listed = index.engineOrder.get(ack.orderId);
    const listedOk = listed !== undefined && listed.clientOrderId === record.clientOrderId && listed.accountId === record.accountId;
    // orders.list shows today's orders and every unfinished one: a finished order from before IST midnight is legitimately absent.
    const mayBeUnlisted = !listed && ack.createdAt < todayStart;
    const journalOk = journaled.length === 1 && journaled[0] === ack.orderId;
    let slicesOk = true;
    if (journalOk && ack.slices > 1) {
      const slices = [...index.creation.values()].filter((row) => row.event.accountId === record.accountId && row.event.slice?.parentClientOrderId === record.clientOrderId);
      slicesOk = slices.length === ack.slices;
    }
    if (journalOk && (listedOk || mayBeUnlisted) && slicesOk) continue;
    push([
      `  account ${short(record.accountId)} ${record.clientOrderId}: acknowledged as order ${ack.orderId} (${ack.status}, attempt ${ack.attempt}); journal has ${journaled.length === 0 ? 'no creating event' : `order(s) ${journaled.join(', ')}`}; orders.list ${listed ? (listedOk ? 'has it' : `has ${ack.orderId} as ${describeOrder(listed)}`) : 'does not have it'}${slicesOk ? '' : `; journal lacks some of its ${ack.slices} slices`}`,
      `    attempts: ${describeAttempts(record)}`,
      ...index.evidence(ack.orderId, record.accountId, record.clientOrderId),
    ]);
  }
  if (lostCount > 0) failures.push({ check: '1-acknowledged-orders', title: `${lostCount} acknowledged order(s) lost or changed`, details: lost });

  const duplicateCreations = [...index.creationsByClientOrderId].filter(([, orderIds]) => orderIds.length > 1);
  if (duplicateCreations.length > 0) {
    failures.push({
      check: '1-acknowledged-orders',
      title: `${duplicateCreations.length} client order id(s) created more than one order in the journal`,
      details: limit(duplicateCreations, ([k, orderIds]) => [`  ${k}: orders ${orderIds.join(', ')}`]),
    });
  }

  const probesWrong = ledger.probes.filter((probe) => probe.gotOrderId !== probe.expectedOrderId);
  if (probesWrong.length > 0) {
    failures.push({
      check: '1-acknowledged-orders',
      title: `${probesWrong.length} resubmission(s) of an acknowledged client order id did not return the first result`,
      details: limit(probesWrong, (probe) => [
        `  account ${short(probe.accountId)} ${probe.clientOrderId} (resent to engine run ${probe.run}): expected order ${probe.expectedOrderId}, got ${probe.gotOrderId ?? `an error: ${probe.error}`}`,
        ...index.evidence(probe.expectedOrderId, probe.accountId, probe.clientOrderId),
      ]),
    });
  }

  const unanswered = ledger.submits.filter((record) => record.problem !== null);
  if (unanswered.length > 0) {
    failures.push({
      check: '1-acknowledged-orders',
      title: `${unanswered.length} submit(s) got an answer no client should get`,
      details: limit(unanswered, (record) => [
        `  account ${short(record.accountId)} ${record.clientOrderId}: ${record.problem}`,
        `    attempts: ${describeAttempts(record)}`,
        ...index.evidence(index.creationsByClientOrderId.get(key(record.accountId, record.clientOrderId))?.[0], record.accountId, record.clientOrderId),
      ]),
    });
  }

  // Acknowledged cancels and modifies are in the journal as requests of that order.
  const missingActions: ActionRecord[] = [];
  for (const action of ledger.actions) {
    if (action.ack === null) continue;
    const rows = index.byOrder.get(action.orderId) ?? [];
    const found =
      action.kind === 'cancel'
        ? rows.some((row) => row.event.type === 'OrderCancelRequested')
        : rows.some(
            (row) =>
              row.event.type === 'OrderModifyRequested' &&
              (action.modify?.quantity === undefined || row.event.quantity === action.modify.quantity) &&
              (action.modify?.price === undefined || row.event.price === action.modify.price),
          );
    if (!found) missingActions.push(action);
  }
  const actionProblems = ledger.actions.filter((action) => action.problem !== null);
  if (missingActions.length > 0 || actionProblems.length > 0) {
    failures.push({
      check: '1-acknowledged-orders',
      title: `${missingActions.length} acknowledged cancel/modify request(s) missing from the journal, ${actionProblems.length} answered wrongly`,
      details: limit([...missingActions, ...actionProblems], (action) => [
        `  account ${short(action.accountId)} ${action.kind} of ${action.orderId} (${action.clientOrderId})${action.modify ? ` ${JSON.stringify(action.modify)}` : ''}: ${action.problem ?? `acknowledged (${action.ack?.status}) but not journaled`}`,
        `    attempts: ${describeAttempts(action)}`,
        ...index.evidence(action.orderId, action.accountId, action.clientOrderId),
      ]),
    });
  }
}

/** 2. The venue never holds two orders with one client order id, nor one the journal does not know. */
function checkBroker(index: Index, failures: Failure[]): number {
  const duplicates = [...index.venueByClientOrderId].filter(([, orders]) => orders.length > 1);
  if (duplicates.length > 0) {
    failures.push({
      check: '2-no-duplicate-at-broker',
      title: `${duplicates.length} client order id(s) placed more than once at the venue`,
      details: limit(duplicates, ([k, orders]) => {
        const [accountId = '', clientOrderId = ''] = k.split('|');
        return [`  account ${short(accountId)} ${clientOrderId}: ${orders.length} venue orders`, ...index.evidence(index.creationsByClientOrderId.get(k)?.[0], accountId, clientOrderId)];
      }),
    });
  }
  const unknown = index.observed.venue.orders.filter((order) => !index.creationsByClientOrderId.has(key(order.accountId, order.clientOrderId)));
  if (unknown.length > 0) {
    failures.push({
      check: '2-no-duplicate-at-broker',
      title: `${unknown.length} venue order(s) the journal never created`,
      details: limit(unknown, (order) => [`  account ${short(order.accountId)}: ${describeVenueOrder(order)}`]),
    });
  }
  return duplicates.reduce((sum, [, orders]) => sum + orders.length - 1, 0);
}

/** 3. Engine positions = the journal's fills = the venue's positions; every venue trade journaled once. */
function checkPositions(index: Index, failures: Failure[]): { fills: number } {
  const { observed } = index;
  type Sum = { net: number; buyQuantity: number; buyValue: number; sellQuantity: number; sellValue: number; fills: number };
  const fromJournal = new Map<string, Sum>();
  const fillsByTrade = new Map<string, JournalRow[]>();
  let fills = 0;
  for (const row of observed.journal) {
    if (row.event.type !== 'OrderFilled') continue;
    fills += 1;
    fillsByTrade.set(row.event.tradeId, [...(fillsByTrade.get(row.event.tradeId) ?? []), row]);
    const creation = index.creation.get(row.event.orderId);
    if (!creation) continue; // reported below
    const { spec } = creation.event;
    const k = positionKeyOf(row.event.accountId, spec.instrumentId, spec.product);
    const sum = fromJournal.get(k) ?? { net: 0, buyQuantity: 0, buyValue: 0, sellQuantity: 0, sellValue: 0, fills: 0 };
    sum.fills += 1;
    if (spec.side === 'BUY') {
      sum.net += row.event.quantity;
      sum.buyQuantity += row.event.quantity;
      sum.buyValue += row.event.quantity * row.event.price;
    } else {
      sum.net -= row.event.quantity;
      sum.sellQuantity += row.event.quantity;
      sum.sellValue += row.event.quantity * row.event.price;
    }
    fromJournal.set(k, sum);
  }
  const fromEngine = new Map<string, PositionView>();
  for (const positions of observed.enginePositions.values()) for (const position of positions) fromEngine.set(positionKeyOf(position.accountId, position.instrumentId, position.product), position);
  const fromVenue = new Map<string, number>();
  for (const position of observed.venue.positions) fromVenue.set(positionKeyOf(position.accountId, position.instrumentId, position.product), position.netQuantity);

  const differing: string[] = [];
  for (const k of new Set([...fromJournal.keys(), ...fromEngine.keys(), ...fromVenue.keys()])) {
    const journal = fromJournal.get(k);
    const engine = fromEngine.get(k);
    const venue = fromVenue.get(k) ?? 0;
    const journalNet = journal?.net ?? 0;
    const engineNet = engine?.netQuantity ?? 0;
    const problems: string[] = [];
    if (engineNet !== journalNet || venue !== journalNet) problems.push(`net: engine ${engineNet}, journal fills ${journalNet}, venue ${venue}`);
    if (engine && journal && engine.carriedQuantity === 0) {
      // Same trading day, nothing carried: the engine's day totals must be the fills' sums exactly.
      if (engine.buyQuantity !== journal.buyQuantity || engine.buyValue !== journal.buyValue) problems.push(`bought: engine ${engine.buyQuantity} for ${engine.buyValue}, journal ${journal.buyQuantity} for ${journal.buyValue}`);
      if (engine.sellQuantity !== journal.sellQuantity || engine.sellValue !== journal.sellValue) problems.push(`sold: engine ${engine.sellQuantity} for ${engine.sellValue}, journal ${journal.sellQuantity} for ${journal.sellValue}`);
    }
    if (problems.length > 0) {
      const [accountId = '', instrumentId = '', product = ''] = k.split('|');
      differing.push(`  account ${short(accountId)} ${instrumentId} ${product}: ${problems.join('; ')} (${journal?.fills ?? 0} journaled fills)`);
    }
  }
  if (differing.length > 0) failures.push({ check: '3-positions-equal-fills', title: `${differing.length} position(s) disagree`, details: differing.slice(0, MAX_LISTED * 2) });

  const tradeProblems: string[] = [];
  for (const [tradeId, rows] of fillsByTrade) {
    if (rows.length > 1) tradeProblems.push(`  trade ${tradeId} journaled ${rows.length} times: ${rows.map(describeEvent).join(' | ')}`);
    for (const row of rows) if (!index.creation.has(row.event.orderId)) tradeProblems.push(`  ${describeEvent(row)}: fill of an order the journal never created`);
  }
  const venueTrades = new Set<string>();
  for (const trade of observed.venue.trades) {
    venueTrades.add(trade.tradeId);
    const rows = fillsByTrade.get(trade.tradeId) ?? [];
    const row = rows[0];
    const expectedOrderIds = index.creationsByClientOrderId.get(key(trade.accountId, trade.clientOrderId)) ?? [];
    if (!row) {
      tradeProblems.push(`  venue trade ${trade.tradeId} (${trade.clientOrderId} ${trade.side} ${trade.quantity} ${trade.instrumentId} @${trade.price}) of account ${short(trade.accountId)} is not in the journal`);
      for (const line of index.evidence(expectedOrderIds[0], trade.accountId, trade.clientOrderId)) tradeProblems.push(line);
      continue;
    }
    if (row.event.type !== 'OrderFilled') continue;
    if (row.event.quantity !== trade.quantity || row.event.price !== trade.price || !expectedOrderIds.includes(row.event.orderId)) {
      tradeProblems.push(`  venue trade ${trade.tradeId} (${trade.clientOrderId} ${trade.quantity} @${trade.price}) journaled differently: ${describeEvent(row)} for order ${row.event.orderId}`);
    }
  }
  for (const [tradeId, rows] of fillsByTrade) {
    const row = rows[0];
    if (row && !venueTrades.has(tradeId)) tradeProblems.push(`  journaled fill ${describeEvent(row)} of order ${row.event.orderId}: the venue has no trade ${tradeId}`);
  }
  if (tradeProblems.length > 0) failures.push({ check: '3-positions-equal-fills', title: 'fills and venue trades disagree', details: tradeProblems.slice(0, MAX_LISTED * 4) });
  return { fills };
}

/** 4. The journal and the gateway's stream: seqs start+1…N, each once, in order, saying what the journal says; statuses agree with the venue. */
function checkStream(index: Index, failures: Failure[]): { gaps: number; duplicates: number } {
  const { observed } = index;
  const { stream, journal } = observed;
  const journalProblems: string[] = [];
  journal.forEach((row, position) => {
    if (row.seq !== position + 1 && journalProblems.length < MAX_LISTED) journalProblems.push(`  journal row ${position + 1} has seq ${row.seq}`);
  });
  const lastSeq = journal.at(-1)?.seq ?? 0;
  if (observed.engineLastSeq !== lastSeq) journalProblems.push(`  the engine reports lastSeq ${observed.engineLastSeq}, the journal ends at ${lastSeq}`);
  if (journalProblems.length > 0) failures.push({ check: '4-event-stream-and-status', title: 'the journal itself is not contiguous', details: journalProblems });

  const counts = new Map<number, number>();
  for (const seq of stream.seqs) counts.set(seq, (counts.get(seq) ?? 0) + 1);
  const missing: number[] = [];
  for (let seq = stream.startSeq + 1; seq <= lastSeq; seq += 1) if (!counts.has(seq)) missing.push(seq);
  const duplicated = [...counts].filter(([, count]) => count > 1).map(([seq, count]) => `${seq}×${count}`);
  const beyond = [...counts.keys()].filter((seq) => seq > lastSeq || seq <= stream.startSeq);
  let outOfOrder = 0;
  for (let position = 1; position < stream.seqs.length; position += 1) if ((stream.seqs[position] as number) <= (stream.seqs[position - 1] as number)) outOfOrder += 1;
  const bySeq = new Map(journal.map((row) => [row.seq, row]));
  const contentDiffers: string[] = [];
  for (const [seq, deliveries] of stream.delivered) {
    const row = bySeq.get(seq);
    for (const delivery of deliveries) {
      if (!row || row.event.type !== delivery.type || row.event.orderId !== delivery.orderId) {
        contentDiffers.push(`  seq ${seq}: stream said ${delivery.type} of ${delivery.orderId}, journal has ${row ? `${row.event.type} of ${row.event.orderId}` : 'nothing'}`);
      }
    }
  }
  if (missing.length > 0 || duplicated.length > 0 || beyond.length > 0 || outOfOrder > 0 || contentDiffers.length > 0) {
    failures.push({
      check: '4-event-stream-and-status',
      title: `the gateway's event stream is not seqs ${stream.startSeq + 1}…${lastSeq} exactly once in order`,
      details: [
        `  delivered ${stream.seqs.length} envelope(s), expected ${lastSeq - stream.startSeq}`,
        ...(missing.length ? [`  missing (${missing.length}): ${missing.slice(0, 50).join(', ')}${missing.length > 50 ? ' …' : ''}`] : []),
        ...(duplicated.length ? [`  duplicated (${duplicated.length}): ${duplicated.slice(0, 50).join(', ')}`] : []),
        ...(beyond.length ? [`  outside ${stream.startSeq + 1}…${lastSeq}: ${beyond.slice(0, 50).join(', ')}`] : []),
        ...(outOfOrder ? [`  ${outOfOrder} delivery(ies) not after the previous seq`] : []),
        ...contentDiffers.slice(0, MAX_LISTED),
      ],
    });
  }

  // Statuses: the engine's orders (as orders.list and the stream show them) against the venue's books.
  const statusProblems: string[] = [];
  let statusCount = 0;
  const todayStart = istDayStart(istDayNumber(observed.now));
  for (const [orderId, creation] of index.creation) {
    const { accountId, clientOrderId } = creation.event;
    const engine = index.engineOrder.get(orderId);
    if (!engine) {
      // orders.list shows today's orders and every unfinished one: only an order finished on an earlier IST day may be absent.
      if (creation.event.at >= todayStart) {
        statusCount += 1;
        if (statusCount <= MAX_LISTED) statusProblems.push(`  account ${short(accountId)} ${clientOrderId} (order ${orderId}): journaled today, but orders.list does not show it`, ...index.evidence(orderId, accountId, clientOrderId));
      }
      continue;
    }
    const streamed = stream.lastOrders.get(orderId);
    const venueOrders = index.venueByClientOrderId.get(key(accountId, clientOrderId)) ?? [];
    const venue = venueOrders[0];
    const problems: string[] = [];
    if (creation.seq > stream.startSeq && (!streamed || streamed.status !== engine.status || streamed.filledQuantity !== engine.filledQuantity || streamed.quantity !== engine.quantity || streamed.price !== engine.price)) {
      problems.push(`the stream last showed ${describeOrder(streamed)}, orders.list shows ${describeOrder(engine)}`);
    }
    if (IN_FLIGHT.has(engine.status)) problems.push(`still ${engine.status} after settling (reconciliation never settled it)`);
    else if (engine.status === 'DENIED') {
      if (venue) problems.push('DENIED by the engine yet placed at the venue');
    } else if (engine.status === 'REJECTED') {
      if (venue && venue.status !== 'REJECTED') problems.push(`REJECTED at the engine, ${venue.status} at the venue`);
    } else if (!venue) problems.push(`${engine.status} at the engine, but the venue has no such order`);
    else {
      const expected = WORKING_AT_ENGINE.has(engine.status) ? WORKING_AT_VENUE : new Set([engine.status]);
      if (!expected.has(venue.status)) problems.push(`${engine.status} at the engine, ${venue.status} at the venue`);
    }
    if (venue && engine.status !== 'DENIED') {
      if (venue.filledQuantity !== engine.filledQuantity) problems.push(`filled ${engine.filledQuantity} at the engine, ${venue.filledQuantity} at the venue`);
      if (venue.quantity !== engine.quantity || venue.price !== engine.price || venue.type !== engine.type || venue.triggerPrice !== engine.triggerPrice) {
        problems.push(`terms differ: engine ${engine.type} ${engine.quantity} @${engine.price} trigger ${engine.triggerPrice}, venue ${venue.type} ${venue.quantity} @${venue.price} trigger ${venue.triggerPrice}`);
      }
      if ((engine.type === 'SL' || engine.type === 'SL_M') && venue.triggered !== (engine.triggeredAt !== null)) {
        problems.push(`stop ${venue.triggered ? 'triggered' : 'not triggered'} at the venue, ${engine.triggeredAt !== null ? 'triggered' : 'not triggered'} at the engine`);
      }
      if (engine.brokerOrderId !== null && engine.brokerOrderId !== venue.brokerOrderId) problems.push(`broker order id ${engine.brokerOrderId} at the engine, ${venue.brokerOrderId} at the venue`);
    }
    if (problems.length === 0) continue;
    statusCount += 1;
    if (statusCount <= MAX_LISTED) statusProblems.push(`  account ${short(accountId)} ${clientOrderId} (order ${orderId}): ${problems.join('; ')}`, ...index.evidence(orderId, accountId, clientOrderId));
  }
  if (statusCount > 0) failures.push({ check: '4-event-stream-and-status', title: `${statusCount} order(s) where the engine and the venue disagree after settling`, details: statusProblems });
  return { gaps: missing.length + beyond.length, duplicates: duplicated.length };
}

/** 5. No account was blocked for reconciliation (nor halted at all: the harness never engages a halt). */
function checkHalts(observed: Observed, failures: Failure[]): void {
  const seen = new Map<number, TradingHalt>();
  for (const halt of [...observed.activeHalts, ...observed.recentHalts]) seen.set(halt.id, halt);
  if (seen.size === 0) return;
  failures.push({
    check: '5-no-reconciliation-halt',
    title: `${seen.size} trading halt(s) engaged during the run`,
    details: [...seen.values()].flatMap((halt) => [
      `  halt ${halt.id} ${halt.kind} ${halt.scope} account ${halt.accountId ?? '-'} at ${new Date(halt.engagedAt).toISOString()}${halt.releasedAt === null ? ' (active)' : ''}: ${halt.reason}`,
      ...((halt.details['mismatches'] as { kind?: string; message?: string }[] | undefined) ?? []).map((mismatch) => `    ${mismatch.kind}: ${mismatch.message}`),
    ]),
  });
}

export function runChecks(observed: Observed, ledger: Ledger): { failures: Failure[]; figures: CheckFigures } {
  const failures: Failure[] = [];
  const index = new Index(observed);
  checkAcknowledged(index, ledger, failures);
  const duplicatesAtBroker = checkBroker(index, failures);
  const { fills } = checkPositions(index, failures);
  const { gaps, duplicates } = checkStream(index, failures);
  checkHalts(observed, failures);
  return { failures, figures: { duplicatesAtBroker, streamGaps: gaps, streamDuplicates: duplicates, fills, venueTrades: observed.venue.trades.length } };
}

export function formatFailures(failures: readonly Failure[]): string {
  return failures.map((failure) => [`FAIL [${failure.check}] ${failure.title}`, ...failure.details].join('\n')).join('\n');
}
