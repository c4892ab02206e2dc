import type { StrategyId, UserId } from '@strikedesk/domain';
import type { StrategyStore, WebhookStrategy } from '@strikedesk/db/client';

/**
 * The caller's strategy as the intake checks it — its passphrase hash and whether its owner may
 * trade — found by id and owner instead of by URL token (the dry run never has the token). Another
 * user's strategy is STRATEGY_NOT_FOUND.
 */
export const alertCheckStrategy = (store: Pick<StrategyStore, 'webhookStrategy'>, strategyId: StrategyId, userId: UserId): Promise<WebhookStrategy> =>
  store.webhookStrategy(strategyId, userId);
