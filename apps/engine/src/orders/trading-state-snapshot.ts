import type { AccountId, EngineEventOf, Order, PositionState } from '@strikedesk/domain';
import type { OrderActivitySnapshot } from './order-activity.ts';

/**
 * TradingState at one journal seq (docs/adr/0012-journal-group-commit-and-snapshots.md).
 * Restoring it and folding the journal after `lastSeq` gives exactly the state a full replay gives.
 */
export type TradingStateSnapshot = {
  lastSeq: number;
  highestOrderNumber: number;
  lastEventAt: number;
  /** Every order, grouped by account in creation order. */
  orders: Order[];
  pendingModifies: EngineEventOf<'OrderModifyRequested'>[];
  netPositions: PositionState[];
  bookPositions: PositionState[];
  /** The fills already journaled, per account, by `tradeKey` (order and broker trade id; fills are deduplicated by them). */
  tradeIds: [AccountId, string][];
  activity: [AccountId, OrderActivitySnapshot][];
};
