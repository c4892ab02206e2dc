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
  /** Unique among the rows shown (net positions, or book positions). */
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

/**
 * The name of the virtual book a position belongs to (its portfolio, else its strategy); null for
 * the net position. A portfolio is named by its name when `portfolioNames` knows it, else its id.
 */
export const bookNameOf = (view: Pick<PositionView, 'strategyId' | 'portfolioId'>, portfolioNames?: ReadonlyMap<string, string>): string | null =>
  view.portfolioId !== null
    ? `Portfolio ${portfolioNames?.get(view.portfolioId) ?? view.portfolioId}`
    : view.strategyId !== null
      ? `Strategy ${view.strategyId}`
      : null;

/** A net position's key is its instrument and product; a book position's also names the book. */
export const rowKeyOf = (view: Pick<PositionView, 'instrumentId' | 'product' | 'strategyId' | 'portfolioId'>): string =>
  view.strategyId === null && view.portfolioId === null ? positionRowKey(view) : `${view.portfolioId ?? ''}|${view.strategyId ?? ''}|${positionRowKey(view)}`;

/**
 * A position re-marked at the live quote (exact paise arithmetic from the domain): its LTP, and its
 * previous close for day P&L — a position closed today still has one (its carried lots' day P&L is
 * measured from the close), and the engine may have listed it before it had a quote at all.
 */
export function toPositionRow(
  view: PositionView,
  instrument: Instrument | undefined,
  tick: Tick | undefined,
  greeks?: PositionGreeksView,
): PositionRow {
  const marked = tick ? remarkPositionView(view, tick) : view;
  return {
    key: rowKeyOf(view),
    view: marked,
    instrument,
    // Display average only; booking never divides money.
    averagePrice: marked.netQuantity === 0 ? null : divRoundPaise(marked.openCost, marked.netQuantity),
    totalPnl: addPaise(marked.realizedPnl, marked.unrealizedPnl),
    greeks,
  };
}
