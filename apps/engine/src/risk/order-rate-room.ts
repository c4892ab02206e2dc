import type { AccountId } from '@strikedesk/domain';
import type { Clock } from '../market/simulator-runner.ts';
import type { TradingState } from '../orders/trading-state.ts';
import { fitsSecondRate } from './account-risk-check.ts';
import type { RiskLimitsBook } from './risk-limits-book.ts';

/**
 * Whether the account's per-second order window on an exchange segment takes `messages` more now —
 * what engine-side senders (TradingView signals, fired GTTs) wait on before submitting, so a burst
 * of their own making is paced rather than denied RISK_ORDER_RATE (strategies/pace-order-rate.ts).
 */
export const orderRateRoom =
  (deps: { state: TradingState; riskLimits: RiskLimitsBook; clock: Clock }) =>
  (accountId: AccountId, segment: string, messages: number): boolean =>
    fitsSecondRate(deps.state.orderActivity(accountId, segment, deps.clock.now()).lastSecond, messages, deps.riskLimits.get(accountId).limits.ordersPerSecond);
