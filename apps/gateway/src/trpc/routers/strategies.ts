import {
  alertMessageTemplate,
  CreateStrategyInputSchema,
  DomainError,
  pineScriptSnippet,
  StrategyRefSchema,
  UpdateStrategyConfigInputSchema,
  UpdateStrategySettingsInputSchema,
  templateMismatch,
  type StrategyConfig,
  type StrategyTemplate,
  type UserId,
} from '@strikedesk/domain';
import type { GatewayServices } from '../services.ts';
import { authedProcedure, router, traderProcedure } from '../trpc.ts';
import { hashPassphrase, newWebhookToken } from '../../webhooks/webhook-secrets.ts';
import { WEBHOOK_PATH_PREFIX } from '../../webhooks/webhook-handler.ts';

/**
 * A configuration must fit its template and name what exists today — instruments the engine
 * lists, or a portfolio of the strategy's owner: checked before it is stored.
 */
async function checkTargets(services: GatewayServices, userId: UserId, template: StrategyTemplate, config: StrategyConfig): Promise<void> {
  const mismatch = templateMismatch(template, config);
  if (mismatch) throw new DomainError('VALIDATION_FAILED', mismatch);
  if (config.target.kind === 'PORTFOLIO') {
    await services.engine.portfolios.get({ userId, portfolioId: config.target.portfolioId });
    return;
  }
  const target = await services.engine.resolveTicker({ ticker: null, target: config.target, tickerAliases: {} });
  if (!target.ok) throw new DomainError('INSTRUMENT_NOT_FOUND', target.message);
  const aliases = [...new Set(Object.values(config.tickerAliases))];
  if (aliases.length === 0) return;
  const listed = new Set((await services.engine.getInstruments(aliases)).map((instrument) => instrument.id));
  const missing = aliases.find((id) => !listed.has(id));
  if (missing) throw new DomainError('INSTRUMENT_NOT_FOUND', `Ticker alias points at ${missing}, which is not listed.`);
}

/** The webhook path with its token: returned only by create and rotate (only a hash is kept). */
const webhookPath = (token: string): string => `${WEBHOOK_PATH_PREFIX}${token}`;

// Strategies are the caller's own: every store call names ctx.user.userId, so another trader's
// strategy is STRATEGY_NOT_FOUND.
export const strategiesRouter = router({
  list: authedProcedure.query(({ ctx }) => ctx.services.strategies.list(ctx.user.userId)),

  get: authedProcedure.input(StrategyRefSchema).query(async ({ ctx, input }) => {
    const strategy = await ctx.services.strategies.get(input.strategyId, ctx.user.userId);
    const versions = await ctx.services.strategies.versions(input.strategyId, ctx.user.userId);
    return {
      strategy,
      versions,
      alertMessage: alertMessageTemplate({ passphrase: strategy.hasPassphrase, portfolio: strategy.template !== 'TV_INSTRUMENT' }),
      pineScript: pineScriptSnippet({ passphrase: strategy.hasPassphrase, name: strategy.name }),
    };
  }),

  create: traderProcedure.input(CreateStrategyInputSchema).mutation(async ({ ctx, input }) => {
    await checkTargets(ctx.services, ctx.user.userId, input.template, input.config);
    const token = newWebhookToken();
    const strategy = await ctx.services.strategies.create({
      userId: ctx.user.userId,
      accountId: ctx.user.accountId,
      name: input.name,
      template: input.template,
      mode: input.mode,
      config: input.config,
      passphraseHash: input.passphrase ? hashPassphrase(input.passphrase) : null,
      tokenHash: token.hash,
      tokenHint: token.hint,
    });
    ctx.services.logger.info({ strategyId: strategy.id, by: ctx.user.userId }, 'strategy created');
    ctx.services.strategyChanged();
    return { strategy, webhookPath: webhookPath(token.token) };
  }),

  updateConfig: traderProcedure.input(UpdateStrategyConfigInputSchema).mutation(async ({ ctx, input }) => {
    const current = await ctx.services.strategies.get(input.strategyId, ctx.user.userId);
    await checkTargets(ctx.services, ctx.user.userId, current.template, input.config);
    const strategy = await ctx.services.strategies.updateConfig({ ...input, userId: ctx.user.userId });
    ctx.services.strategyChanged();
    return strategy;
  }),

  updateSettings: traderProcedure.input(UpdateStrategySettingsInputSchema).mutation(async ({ ctx, input }) => {
    const { passphrase, ...settings } = input;
    const strategy = await ctx.services.strategies.updateSettings({
      ...settings,
      userId: ctx.user.userId,
      ...(passphrase === undefined ? {} : { passphraseHash: passphrase === null ? null : hashPassphrase(passphrase) }),
    });
    ctx.services.strategyChanged();
    return strategy;
  }),

  /** A new URL; the old one answers 404 from now on. */
  rotateToken: traderProcedure.input(StrategyRefSchema).mutation(async ({ ctx, input }) => {
    const token = newWebhookToken();
    const strategy = await ctx.services.strategies.rotateToken({ strategyId: input.strategyId, userId: ctx.user.userId, tokenHash: token.hash, tokenHint: token.hint });
    ctx.services.strategyChanged();
    return { strategy, webhookPath: webhookPath(token.token) };
  }),

  remove: traderProcedure.input(StrategyRefSchema).mutation(async ({ ctx, input }) => {
    await ctx.services.strategies.remove(input.strategyId, ctx.user.userId);
    ctx.services.strategyChanged();
    return { removed: true as const };
  }),

  /** Closed trades, equity curve, drawdown and win rate from the strategy's virtual book. */
  performance: authedProcedure.input(StrategyRefSchema).query(async ({ ctx, input }) => {
    const strategy = await ctx.services.strategies.get(input.strategyId, ctx.user.userId);
    // Paper-mode orders went to the owner's paper account: the book spans both.
    const routing = await ctx.services.strategies.forSignal(strategy.id, strategy.version);
    const accountIds = [strategy.accountId, ...(routing?.paperAccountId ? [routing.paperAccountId] : [])];
    const portfolioId = strategy.config.target.kind === 'PORTFOLIO' ? strategy.config.target.portfolioId : undefined;
    return ctx.services.engine.strategyPerformance(accountIds, strategy.id, portfolioId);
  }),
});
