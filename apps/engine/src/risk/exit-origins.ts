import type { OrderOrigin } from '@strikedesk/domain';

/**
 * Orders the engine sends to get out of risk — a trader's square-off, the kill switch's flattening,
 * the daily-loss stop, the intraday (MIS) square-off. They only reduce exposure, so no halt or
 * account limit may block them (the broker adapter paces them against the broker's rate limits).
 */
export const EXIT_ORIGINS: ReadonlySet<OrderOrigin> = new Set(['SQUARE_OFF', 'KILL_SWITCH', 'RISK', 'AUTO_SQUARE_OFF']);

/**
 * The flattens of a halt (the kill switch, the daily-loss stop): they run once, after cancelling
 * every other order, so an exit still working then does not shrink theirs (exitLimit, ADR 0011) —
 * left open, the position would stay open under the halt.
 */
export const HALT_FLATTEN_ORIGINS: ReadonlySet<OrderOrigin> = new Set(['KILL_SWITCH', 'RISK']);
