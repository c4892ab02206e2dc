import {
  ORDER_ORIGINS,
  ORDER_STATUSES,
  ORDER_TYPES,
  PRODUCTS,
  SIDES,
  type AccountId,
  type ClientOrderId,
  type InstrumentId,
  type Order,
  type OrderId,
  type Paise,
  type PositionState,
} from '@strikedesk/domain';
import type { TradingStateSnapshot } from '../orders/trading-state-snapshot.ts';

/**
 * Serialised TradingState (docs/adr/0012-journal-group-commit-and-snapshots.md), built for a fast
 * restart: plain JSON (no compression — inflating costs more than the bytes it saves here), orders
 * and positions as arrays in a fixed field order, account and instrument ids as indexes into
 * dictionaries, enums as indexes, and a generated client order id (`sd-<order id>`) left out. The
 * decoders build each object with one literal (the same hidden class as live ones; a generic
 * field-by-field copy left them in slow dictionary mode). Bump the format when a field changes: a
 * snapshot in another format is ignored and the journal replays instead. (A new fold rule needs no
 * bump: it applies from the journal seq it arrived at, `engine_fold_rules`.)
 */
// 4 (2026-12-07): the folded fills are keyed by order and trade id (`tradeKey`), not by trade id alone.
export const SNAPSHOT_FORMAT = 4;

type Encoded = Omit<TradingStateSnapshot, 'orders' | 'netPositions' | 'bookPositions'> & {
  accounts: string[];
  instruments: string[];
  orders: unknown[][];
  netPositions: unknown[][];
  bookPositions: unknown[][];
};

class Dictionary {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();
  of(value: string): number {
    let at = this.index.get(value);
    if (at === undefined) {
      at = this.values.length;
      this.values.push(value);
      this.index.set(value, at);
    }
    return at;
  }
}

const enumIndex = <T extends string>(values: readonly T[]) => {
  const index = new Map<string, number>(values.map((value, at) => [value, at]));
  return { encode: (value: T): number => index.get(value) as number, decode: (at: unknown): T => values[at as number] as T };
};
const side = enumIndex(SIDES);
const orderType = enumIndex(ORDER_TYPES);
const product = enumIndex(PRODUCTS);
const status = enumIndex(ORDER_STATUSES);
const origin = enumIndex(ORDER_ORIGINS);

const generatedId = (orderId: string): string => `sd-${orderId}`.slice(0, 20);

function encodeOrder(order: Order, accounts: Dictionary, instruments: Dictionary): unknown[] {
  return [
    order.orderId,
    order.clientOrderId === generatedId(order.orderId) ? null : order.clientOrderId,
    accounts.of(order.accountId),
    instruments.of(order.instrumentId),
    side.encode(order.side),
    orderType.encode(order.type),
    product.encode(order.product),
    order.quantity,
    order.price,
    order.triggerPrice,
    status.encode(order.status),
    order.filledQuantity,
    order.filledValue,
    order.brokerOrderId,
    order.triggeredAt,
    order.reasonCode,
    order.reasonMessage,
    origin.encode(order.origin),
    order.strategyId,
    order.portfolioId,
    order.riskLimitsVersion,
    order.slice,
    order.createdAt,
    order.updatedAt,
    order.strategyVersion,
  ];
}

function decodeOrder(row: unknown[], accounts: string[], instruments: string[]): Order {
  const orderId = row[0] as OrderId;
  return {
    orderId,
    clientOrderId: (row[1] ?? generatedId(orderId)) as ClientOrderId,
    accountId: accounts[row[2] as number] as AccountId,
    instrumentId: instruments[row[3] as number] as InstrumentId,
    side: side.decode(row[4]),
    type: orderType.decode(row[5]),
    product: product.decode(row[6]),
    quantity: row[7] as number,
    price: row[8] as Order['price'],
    triggerPrice: row[9] as Order['triggerPrice'],
    status: status.decode(row[10]),
    filledQuantity: row[11] as number,
    filledValue: row[12] as Paise,
    brokerOrderId: row[13] as string | null,
    triggeredAt: row[14] as number | null,
    reasonCode: row[15] as string | null,
    reasonMessage: row[16] as string | null,
    origin: origin.decode(row[17]),
    strategyId: row[18] as Order['strategyId'],
    portfolioId: row[19] as Order['portfolioId'],
    riskLimitsVersion: row[20] as number | null,
    slice: row[21] as Order['slice'],
    createdAt: row[22] as number,
    updatedAt: row[23] as number,
    // Appended after format 2 shipped: snapshots written before it have no such column.
    strategyVersion: (row[24] ?? null) as number | null,
  };
}

function encodePosition(position: PositionState, accounts: Dictionary, instruments: Dictionary): unknown[] {
  return [
    accounts.of(position.accountId),
    instruments.of(position.instrumentId),
    product.encode(position.product),
    position.strategyId,
    position.portfolioId,
    position.netQuantity,
    position.lots.flatMap((lot) => [lot.quantity, lot.price]),
    position.openCost,
    position.realizedPnl,
    position.buyQuantity,
    position.buyValue,
    position.sellQuantity,
    position.sellValue,
    position.day,
    position.carriedQuantity,
    position.carriedCost,
    position.realizedAtDayStart,
    position.dayBuyQuantity,
    position.dayBuyValue,
    position.daySellQuantity,
    position.daySellValue,
  ];
}

function decodePosition(row: unknown[], accounts: string[], instruments: string[]): PositionState {
  const flatLots = row[6] as number[];
  const lots: PositionState['lots'] = [];
  for (let at = 0; at < flatLots.length; at += 2) lots.push({ quantity: flatLots[at] as number, price: flatLots[at + 1] as Paise });
  return {
    accountId: accounts[row[0] as number] as AccountId,
    instrumentId: instruments[row[1] as number] as InstrumentId,
    product: product.decode(row[2]),
    strategyId: row[3] as PositionState['strategyId'],
    portfolioId: row[4] as PositionState['portfolioId'],
    netQuantity: row[5] as number,
    lots,
    openCost: row[7] as Paise,
    realizedPnl: row[8] as Paise,
    buyQuantity: row[9] as number,
    buyValue: row[10] as Paise,
    sellQuantity: row[11] as number,
    sellValue: row[12] as Paise,
    day: row[13] as number,
    carriedQuantity: row[14] as number,
    carriedCost: row[15] as Paise,
    realizedAtDayStart: row[16] as Paise,
    dayBuyQuantity: row[17] as number,
    dayBuyValue: row[18] as Paise,
    daySellQuantity: row[19] as number,
    daySellValue: row[20] as Paise,
  };
}

export function encodeSnapshot(snapshot: TradingStateSnapshot): Buffer {
  const accounts = new Dictionary();
  const instruments = new Dictionary();
  const encoded: Encoded = {
    ...snapshot,
    orders: snapshot.orders.map((order) => encodeOrder(order, accounts, instruments)),
    netPositions: snapshot.netPositions.map((position) => encodePosition(position, accounts, instruments)),
    bookPositions: snapshot.bookPositions.map((position) => encodePosition(position, accounts, instruments)),
    accounts: [],
    instruments: [],
  };
  encoded.accounts = accounts.values;
  encoded.instruments = instruments.values;
  return Buffer.from(JSON.stringify(encoded));
}

export function decodeSnapshot(bytes: Buffer): TradingStateSnapshot {
  const { accounts, instruments, orders, netPositions, bookPositions, ...rest } = JSON.parse(bytes.toString('utf8')) as Encoded;
  return {
    ...rest,
    orders: orders.map((row) => decodeOrder(row, accounts, instruments)),
    netPositions: netPositions.map((row) => decodePosition(row, accounts, instruments)),
    bookPositions: bookPositions.map((row) => decodePosition(row, accounts, instruments)),
  };
}
