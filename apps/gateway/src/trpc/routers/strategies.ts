import {
  alertMessageTemplate,
  CheckAlertInputSchema,
  type AlertCheckResult,
  AUTOMATED_STATUSES,
  CreateStrategyInputSchema,
  DomainError,
  isTerminalStatus,
  portfolioChangeBlocker,
  strategyChangeBlocker,
  pineScriptSnippet,
  StrategyRefSchema,
  UpdateStrategyConfigInputSchema,
  UpdateStrategySettingsInputSchema,
  templateMismatch,
  type AccountId,
  type InstrumentId,
  type Strategy,
  type StrategyConfig,
  type StrategyExposure,
  type StrategyMode,
  type StrategyRoutingChange,
  type StrategyTemplate,
  type UserId,
} from '@strikedesk/domain';
import type { GatewayServices } from '../services.ts';
import { authedProcedure, router, traderProcedure } from '../trpc.ts';
import { hashPassphrase, newWebhookToken } from '../../webhooks/webhook-secrets.ts';
import { WEBHOOK_PATH_PREFIX } from '../../webhooks/webhook-handler.ts';
import { intakeTickerCheck } from '../../webhooks/alert-checks.ts';
import { dryRunAlert } from '../../webhooks/alert-dry-run.ts';

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

/** The account the strategy's alerts trade in under `mode` (ADR 0015): the owner's paper account, or the strategy's. */
async function routedAccount(services: GatewayServices, strategy: Strategy, mode: StrategyMode): Promise<AccountId | null> {
  if (mode === 'LIVE') return strategy.accountId;
  return (await services.strategies.forSignal(strategy.id, strategy.version))?.paperAccountId ?? null;
}

/**
 * What the strategy holds in the account it trades in now, as the engine (the only writer of
 * positions and orders) sees it: its book's open positions, its working orders — and its alerts
 * still queued, which would be traded under the new routing.
 */
async function exposureOf(services: GatewayServices, strategy: Strategy): Promise<StrategyExposure> {
  const waitingSignals = await services.signals.waitingCount(strategy.id);
  const accountId = await routedAccount(services, strategy, strategy.mode);
  if (!accountId) return { positions: [], workingOrders: [], waitingSignals };
  const [books, orders] = await Promise.all([services.engine.positionBooks(accountId), services.engine.listOrders(accountId)]);
  const positions = books.filter((position) => position.strategyId === strategy.id && position.netQuantity !== 0);
  const working = orders.filter((order) => order.strategyId === strategy.id && !isTerminalStatus(order.status));
  const ids = [...new Set([...positions, ...working].map((item) => item.instrumentId))];
  const instruments = new Map((ids.length > 0 ? await services.engine.getInstruments(ids) : []).map((instrument) => [instrument.id, instrument]));
  const named = (instrumentId: InstrumentId) => ({ instrumentName: instruments.get(instrumentId)?.displayName ?? instrumentId, lotSize: instruments.get(instrumentId)?.lotSize ?? 1 });
  return {
    positions: positions.map((position) => ({ ...named(position.instrumentId), product: position.product, netQuantity: position.netQuantity })),
    workingOrders: working.map((order) => ({ ...named(order.instrumentId), product: order.product, side: order.side, remaining: order.quantity - order.filledQuantity })),
    waitingSignals,
  };
}

/**
 * Refuses a change that would re-route the strategy's later alerts away from what it still holds
 * (STRATEGY_HAS_EXPOSURE): its exit alerts would find nothing to close in the new account,
 * instrument or product (ADR 0015). Asked of the engine before the new version is saved.
 */
async function refuseStrandingChange(services: GatewayServices, strategy: Strategy, next: { mode?: StrategyMode; config?: StrategyConfig }): Promise<void> {
  const current = strategy.config;
  if (current.target.kind === 'PORTFOLIO') {
    // The portfolio trades in its own account whatever the mode; only another portfolio re-routes.
    if (next.config?.target.kind !== 'PORTFOLIO' || next.config.target.portfolioId === current.target.portfolioId) return;
    const detail = await services.engine.portfolios.get({ userId: strategy.userId, portfolioId: current.target.portfolioId }).catch((error: unknown) => {
      if (error instanceof DomainError && error.code === 'PORTFOLIO_NOT_FOUND') return null;
      throw error;
    });
    if (detail && AUTOMATED_STATUSES.has(detail.portfolio.status)) throw new DomainError('STRATEGY_HAS_EXPOSURE', portfolioChangeBlocker(detail.portfolio.definition.settings.name, detail.portfolio.status));
    return;
  }
  const change: StrategyRoutingChange = {};
  if (next.mode && next.mode !== strategy.mode && (await routedAccount(services, strategy, next.mode)) !== (await routedAccount(services, strategy, strategy.mode))) {
    change.mode = { from: strategy.mode, to: next.mode };
  }
  if (next.config) {
    if (next.config.product !== current.product) change.product = { from: current.product, to: next.config.product };
    if (next.config.target.kind !== 'PORTFOLIO' && JSON.stringify(next.config.target) !== JSON.stringify(current.target)) {
      // Compared by the instrument each names today: a rolling future and the same contract named directly are one.
      const [before, after] = await Promise.all([current.target, next.config.target].map((target) => services.engine.resolveTicker({ ticker: null, target, tickerAliases: {} })));
      const name = (resolution: typeof before) => (resolution?.ok ? resolution.instrument.displayName : 'its former instrument');
      if (!before?.ok || !after?.ok || before.instrument.id !== after.instrument.id) change.instrument = { from: name(before), to: name(after) };
    }
  }
  if (!change.mode && !change.instrument && !change.product) return;
  const blocker = strategyChangeBlocker(change, await exposureOf(services, strategy));
  if (blocker) throw new DomainError('STRATEGY_HAS_EXPOSURE', blocker);
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
    await refuseStrandingChange(ctx.services, current, { config: input.config });
    const strategy = await ctx.services.strategies.updateConfig({ ...input, userId: ctx.user.userId });
    ctx.services.strategyChanged();
    return strategy;
  }),

  updateSettings: traderProcedure.input(UpdateStrategySettingsInputSchema).mutation(async ({ ctx, input }) => {
    const { passphrase, ...settings } = input;
    if (settings.mode !== undefined) await refuseStrandingChange(ctx.services, await ctx.services.strategies.get(input.strategyId, ctx.user.userId), { mode: settings.mode });
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

  /**
   * "Check a message": what the webhook would answer to this alert and what the engine would then
   * do, storing and sending nothing (webhooks/alert-dry-run.ts). A read, so any signed-in owner may
   * check (a viewer's strategy answers WEBHOOK_OWNER_CANNOT_TRADE, as its alerts are); a mutation only
   * so the message (up to 16 KB) travels in the request body, not the URL.
   */
  checkAlert: authedProcedure.input(CheckAlertInputSchema).mutation(async ({ ctx, input }): Promise<AlertCheckResult> => {
    // By id and owner (the dry run never has the URL token): another user's strategy is STRATEGY_NOT_FOUND.
    const found = await ctx.services.strategies.webhookStrategy(input.strategyId, ctx.user.userId);
    const { engine, logger } = ctx.services;
    return dryRunAlert(
      found,
      { body: input.body, contentType: input.contentType, now: Date.now() },
      {
        resolveTicker: intakeTickerCheck(engine),
        checkSignal: (query) => engine.checkSignal(query),
        logger,
      },
    );
  }),

  /** Closed trades, equity curve, drawdown and win rate from the strategy's virtual book; what is open, marked at the engine's last price. */
  performance: authedProcedure.input(StrategyRefSchema).query(async ({ ctx, input }) => {
    const strategy = await ctx.services.strategies.get(input.strategyId, ctx.user.userId);
    // Paper-mode orders went to the owner's paper account: the book spans both.
    const routing = await ctx.services.strategies.forSignal(strategy.id, strategy.version);
    const accountIds = [strategy.accountId, ...(routing?.paperAccountId ? [routing.paperAccountId] : [])];
    const portfolioId = strategy.config.target.kind === 'PORTFOLIO' ? strategy.config.target.portfolioId : undefined;
    return ctx.services.engine.strategyPerformance(accountIds, strategy.id, portfolioId);
  }),
});
