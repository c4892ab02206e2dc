import type { OptionChain } from '@strikedesk/domain';

/**
 * Which chain the table last centred on its ATM row: once per underlying, expiry and strikes window
 * — not on every push, or a trader reading a far strike would be yanked back to the money.
 */
export const centringKey = (chain: Pick<OptionChain, 'underlying' | 'expiry' | 'strikesEachSide'>): string =>
  `${chain.underlying}|${chain.expiry}|${chain.strikesEachSide}`;

export type RowGeometry = {
  /** The row's top from the top of the scrolled content (the sticky header included), px. */
  rowTop: number;
  rowHeight: number;
  /** The scroll box's visible height, px. */
  viewportHeight: number;
  /** The sticky header's height: rows under it are hidden, so the centre is that of the rest. */
  headerHeight: number;
};

/** The scrollTop that puts the row in the middle of what the sticky header leaves visible (never negative). */
export function centredScrollTop({ rowTop, rowHeight, viewportHeight, headerHeight }: RowGeometry): number {
  const visible = viewportHeight - headerHeight;
  return Math.max(0, Math.round(rowTop + rowHeight / 2 - headerHeight - visible / 2));
}
