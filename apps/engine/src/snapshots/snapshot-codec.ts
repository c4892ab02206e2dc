import { gunzipSync, gzipSync, constants } from 'node:zlib';
import type { Order, PositionState } from '@strikedesk/domain';
import type { TradingStateSnapshot } from '../orders/trading-state-snapshot.ts';

/**
 * Serialised TradingState (docs/adr/0012-journal-group-commit-and-snapshots.md). Orders and
 * positions — nearly all of a snapshot — are written as arrays in a fixed field order rather than
 * objects (a third of the size and faster to parse), the whole gzipped at level 1. Bump the format
 * when a field is added: a snapshot in an older format is ignored and the journal replays instead.
 */
export const SNAPSHOT_FORMAT = 2;

const ORDER_FIELDS = [
  'orderId', 'clientOrderId', 'accountId', 'instrumentId', 'side', 'type', 'product', 'quantity', 'price', 'triggerPrice', 'status',
  'filledQuantity', 'filledValue', 'brokerOrderId', 'triggeredAt', 'reasonCode', 'reasonMessage', 'origin', 'strategyId', 'portfolioId',
  'riskLimitsVersion', 'slice', 'createdAt', 'updatedAt',
] as const satisfies readonly (keyof Order)[];

const POSITION_FIELDS = [
  'accountId', 'instrumentId', 'product', 'strategyId', 'portfolioId', 'netQuantity', 'lots', 'openCost', 'realizedPnl', 'buyQuantity', 'buyValue',
  'sellQuantity', 'sellValue', 'day', 'carriedQuantity', 'carriedCost', 'realizedAtDayStart', 'dayBuyQuantity', 'dayBuyValue',
  'daySellQuantity', 'daySellValue',
] as const satisfies readonly (keyof PositionState)[];

/** Compile-time guard: a field added to Order or PositionState must be added above (and the format bumped). */
type Missing<T, Fields extends readonly (keyof T)[]> = Exclude<keyof T, Fields[number]>;
const ordersComplete: [Missing<Order, typeof ORDER_FIELDS>] extends [never] ? true : never = true;
const positionsComplete: [Missing<PositionState, typeof POSITION_FIELDS>] extends [never] ? true : never = true;
void ordersComplete;
void positionsComplete;

type Encoded = Omit<TradingStateSnapshot, 'orders' | 'netPositions' | 'bookPositions'> & {
  orders: unknown[][];
  netPositions: unknown[][];
  bookPositions: unknown[][];
};

const toRow = <T>(value: T, fields: readonly (keyof T)[]): unknown[] => fields.map((field) => value[field]);
function fromRow<T>(row: unknown[], fields: readonly (keyof T)[]): T {
  const value = {} as Record<keyof T, unknown>;
  fields.forEach((field, index) => (value[field] = row[index]));
  return value as T;
}

export function encodeSnapshot(snapshot: TradingStateSnapshot): Buffer {
  const encoded: Encoded = {
    ...snapshot,
    orders: snapshot.orders.map((order) => toRow(order, ORDER_FIELDS)),
    netPositions: snapshot.netPositions.map((position) => toRow(position, POSITION_FIELDS)),
    bookPositions: snapshot.bookPositions.map((position) => toRow(position, POSITION_FIELDS)),
  };
  return gzipSync(JSON.stringify(encoded), { level: constants.Z_BEST_SPEED });
}

export function decodeSnapshot(bytes: Buffer): TradingStateSnapshot {
  const encoded = JSON.parse(gunzipSync(bytes).toString('utf8')) as Encoded;
  return {
    ...encoded,
    orders: encoded.orders.map((row) => fromRow<Order>(row, ORDER_FIELDS)),
    netPositions: encoded.netPositions.map((row) => fromRow<PositionState>(row, POSITION_FIELDS)),
    bookPositions: encoded.bookPositions.map((row) => fromRow<PositionState>(row, POSITION_FIELDS)),
  };
}
