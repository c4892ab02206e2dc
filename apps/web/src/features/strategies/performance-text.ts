import type { StrategyPerformance } from '@strikedesk/domain';

/** "66.7% (2 won, 1 lost of 3)"; "—" before the first closed trade. Break-even trades count in neither. */
export function winRateText(performance: Pick<StrategyPerformance, 'winRate' | 'wins' | 'losses' | 'trades'>): string {
  if (performance.winRate === null) return '—';
  return `${(performance.winRate * 100).toFixed(1)}% (${performance.wins} won, ${performance.losses} lost of ${performance.trades.length})`;
}

/** "+75 NFO:NIFTY26DECFUT" per instrument still open (units, signed); "flat" when none. */
export function openPositionText(open: StrategyPerformance['open'], names: ReadonlyMap<string, string> = new Map()): string {
  if (open.length === 0) return 'flat';
  return open.map((position) => `${position.quantity > 0 ? '+' : ''}${position.quantity} ${names.get(position.instrumentId) ?? position.instrumentId}`).join(', ');
}
