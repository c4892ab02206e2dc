import {
  addPaise,
  divRoundPaise,
  remarkPositionView,
  type Instrument,
  type Paise,
  type PositionGreeksView,
  type PositionView,
  type Tick,
} from '@strikedesk/domain';

export type PositionRow = {
  key: string;
  view: PositionView;
  instrument: Instrument | undefined;
  averagePrice: Paise | null;
  totalPnl: Paise;
  /** The engine's Greeks of this position (live), when known. */
  greeks: PositionGreeksView | undefined;
};

export const positionRowKey = (view: Pick<PositionView, 'instrumentId' | 'product'>): string =>
  `${view.instrumentId}|${view.product}`;

/** A position re-marked at the live LTP (exact paise arithmetic from the domain). */
export function toPositionRow(
  view: PositionView,
  instrument: Instrument | undefined,
  tick: Tick | undefined,
  greeks?: PositionGreeksView,
): PositionRow {
  const marked = tick && view.netQuantity !== 0 ? remarkPositionView(view, tick.lastPrice) : view;
  return {
    key: positionRowKey(view),
    view: marked,
    instrument,
    // Display average only; booking never divides money.
    averagePrice: marked.netQuantity === 0 ? null : divRoundPaise(marked.openCost, marked.netQuantity),
    totalPnl: addPaise(marked.realizedPnl, marked.unrealizedPnl),
    greeks,
  };
}
