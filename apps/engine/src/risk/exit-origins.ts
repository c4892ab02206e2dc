import type { OrderOrigin } from '@strikedesk/domain';

/**
 * Orders the engine sends to get out of risk — a trader's square-off, the kill switch's flattening,
 * the daily-loss stop, the intraday (MIS) square-off. They only reduce exposure, so no halt or
 * account limit may block them (the broker adapter paces them against the broker's rate limits).
 */
export const EXIT_ORIGINS: ReadonlySet<OrderOrigin> = new Set(['SQUARE_OFF', 'KILL_SWITCH', 'RISK', 'AUTO_SQUARE_OFF']);
