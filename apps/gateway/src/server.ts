import type { AddressInfo } from 'node:net';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { Redis } from 'ioredis';
import {
  createApiKeyStore,
  createBrokerAccountStore,
  createNotificationSettingsStore,
  createPriceAlertStore,
  PRICE_ALERT_ENDED_CHANNEL,
  PRICE_ALERT_TRIGGERED_CHANNEL,
  createPool,
  createSecretSealer,
  createSignalStore,
  createStrategyStore,
  listenForNotifications,
  loadMasterKeyRing,
  MasterKeyConfigError,
  migrate,
  SIGNAL_UPDATE_CHANNEL,
  STRATEGY_CHANGE_CHANNEL,
} from '@strikedesk/db/client';
import { createIdentityStore, type IdentityStore } from '@strikedesk/db/identity';
import { createAccessTokens } from './auth/access-token.ts';
import { createMemoryAttemptLimiter, LOGIN_LIMITS, loginAddressLimits } from './auth/attempt-limiter.ts';
import { bootstrapAdmin, type BootstrapResult } from './auth/bootstrap-admin.ts';
import { insecureCookieWarning, servedOverTls } from './auth/cookie-security.ts';
import { createBrokerHttpHandler } from './brokers/broker-http.ts';
import { createKiteLoginStates } from './brokers/kite-login-state.ts';
import { createSingleUse } from './brokers/single-use.ts';
import { createPasswordGuard } from './auth/password-guard.ts';
import { createRedisAttemptLimiter } from './auth/redis-attempt-limiter.ts';
import { startSessionRevocations } from './auth/session-revocations.ts';
import { createSessionService, type SessionService } from './auth/session-service.ts';
import { createEngineClient, type EngineClient } from './engine/engine-client.ts';
import { GatewayEnvError, type GatewayEnv } from './env.ts';
import { createMetrics } from './http/metrics.ts';
import { createRequestHandler } from './http/request-handler.ts';
import { createUpgradeHandler } from './http/upgrade-handler.ts';
import { createWebProxy } from './http/web-proxy.ts';
import { createLogger, type Logger } from './logger.ts';
import { signalUpdateRelay } from './realtime/signal-updates.ts';
import { createSocketServer } from './realtime/socket-server.ts';
import { createApiRequestLimiter } from './rest/api-rate-limit.ts';
import { createRestHandler } from './rest/rest-handler.ts';
import { createExportHandler } from './exports/tradebook-export.ts';
import { createContextFactory } from './trpc/context.ts';
import { appRouter } from './trpc/root.ts';
import type { GatewayServices } from './trpc/services.ts';
import { createLimitedServer, HTTP_SERVER_LIMITS, type HttpServerLimits } from './server-limits.ts';
import { readGatewayVersion } from './version.ts';
import { priceAlertRelay, priceAlertsEndedRelay } from './realtime/price-alert-relay.ts';
import { intakeTickerCheck } from './webhooks/alert-checks.ts';
import { cachedStrategyLookup } from './webhooks/cached-strategy-lookup.ts';
import { cachedTickerCheck } from './webhooks/cached-ticker-check.ts';
import { createWebhookHandler } from './webhooks/webhook-handler.ts';

export type Gateway = {
  url: string;
  port: number;
  /** Set when this start created the first admin; main.ts prints it once. */
  bootstrap: BootstrapResult;
  /** Exposed for tests (event hooks, connection drops) and operational tooling. */
  engine: EngineClient;
  identity: IdentityStore;
  /** Sessions: operational tooling (disabling a user ends their tokens at once) and tests. */
  sessions: SessionService;
  close(): Promise<void>;
};

export type GatewayOptions = {
  logger?: Logger;
  engineCallTimeoutMs?: number;
  /** Tests: shorter HTTP timers than HTTP_SERVER_LIMITS, to see a slow client cut without waiting 20 s. */
  httpLimits?: Partial<HttpServerLimits>;
};

/**
 * The Redis key namespace of this desk's login limits: its database's name. The gateways of one
 * desk share a database, so they share the counts; another desk (or a test suite's gateway, each
 * on its own database) on the same Redis keeps its own — with every client on 127.0.0.1, one
 * desk's wrong passwords would otherwise lock another desk's address out.
 */
function loginLimitNamespace(databaseUrl: string): string {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  return name === '' ? 'postgres' : name;
}

export async function startGateway(env: GatewayEnv, options: GatewayOptions = {}): Promise<Gateway> {
  const logger = options.logger ?? createLogger(env.LOG_LEVEL);
  const version = readGatewayVersion();
  const startedAt = Date.now();

  // Checked before anything starts: a malformed key is a configuration error, not a later surprise.
  const masterKeys = await loadMasterKeyRing({ keys: env.STRIKEDESK_MASTER_KEYS, file: env.STRIKEDESK_MASTER_KEY_FILE }).catch((error: unknown) => {
    throw error instanceof MasterKeyConfigError ? new GatewayEnvError([error.message]) : error;
  });

  // Idempotent and serialised by an advisory lock, so whichever process starts first migrates.
  await migrate(env.DATABASE_URL);
  const identity = createIdentityStore(env.DATABASE_URL);
  const pool = createPool(env.DATABASE_URL, {
    applicationName: 'strikedesk-gateway',
    onConnectionError: (error) => logger.warn({ err: error }, 'database connection lost; the pool reconnects on demand'),
  });
  const strategies = createStrategyStore(pool);
  const signals = createSignalStore(pool);
  const webhookStrategies = cachedStrategyLookup((tokenHash) => strategies.byTokenHash(tokenHash));
  const notifications = createNotificationSettingsStore(pool);
  const bootstrap = await bootstrapAdmin(identity, { username: env.ADMIN_USERNAME, password: env.ADMIN_PASSWORD });

  const redis = env.REDIS_URL ? new Redis(env.REDIS_URL) : null;
  redis?.on('error', (error) => logger.warn({ err: error }, 'redis error'));
  const namespace = loginLimitNamespace(env.DATABASE_URL);
  const addressLimits = loginAddressLimits(env.LOGIN_FAILURES_PER_ADDRESS);
  const passwordGuard = createPasswordGuard({
    perUser: redis ? createRedisAttemptLimiter(redis, LOGIN_LIMITS, `sd:login-attempt:${namespace}:`) : createMemoryAttemptLimiter(LOGIN_LIMITS),
    perAddress: redis
      ? createRedisAttemptLimiter(redis, addressLimits, `sd:login-address-failures:${namespace}:`)
      : createMemoryAttemptLimiter(addressLimits),
  });

  const accessTokens = createAccessTokens({ secret: env.JWT_SECRET, ttlSeconds: env.ACCESS_TOKEN_TTL_SECONDS });
  // Before anything is served: a restarted gateway must still refuse tokens revoked before it.
  const revocations = await startSessionRevocations({
    store: identity.revocations,
    redis,
    accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
    logger,
  });
  const engine = createEngineClient({
    url: env.ENGINE_URL,
    token: env.ENGINE_TOKEN,
    logger,
    ...(options.engineCallTimeoutMs ? { callTimeoutMs: options.engineCallTimeoutMs } : {}),
  });
  const sessions = createSessionService({ identity, accessTokens, passwordGuard, revocations, refreshTtlSeconds: env.REFRESH_TOKEN_TTL_SECONDS });
  const sockets = createSocketServer({ accessTokens, revocations, engine, logger, redisUrl: env.REDIS_URL });
  const apiKeys = createApiKeyStore(pool);
  // The gateway seals broker secrets and never opens them; the engine does (docs/adr/0018).
  const brokerAccounts = createBrokerAccountStore(pool, { sealer: masterKeys ? createSecretSealer(masterKeys) : null });
  if (masterKeys) logger.info({ masterKeyId: masterKeys.current.id, masterKeys: masterKeys.ids.length }, 'broker secrets are sealed with the current master key');
  else logger.warn('no master key (STRIKEDESK_MASTER_KEYS / STRIKEDESK_MASTER_KEY_FILE): broker account secrets cannot be saved');
  const services: GatewayServices = {
    identity,
    sessions,
    accessTokens,
    revocations,
    engine,
    live: sockets,
    logger,
    version,
    strategies,
    signals,
    notifications,
    priceAlerts: createPriceAlertStore(pool),
    apiKeys,
    brokerAccounts,
    kiteLogins: createKiteLoginStates({ secret: env.JWT_SECRET }),
    strategyChanged: () => webhookStrategies.invalidate(),
  };
  const relaySignal = signalUpdateRelay(sockets.io, logger);
  const relayPriceAlert = priceAlertRelay(sockets.io, engine, logger);
  const relayAlertsEnded = priceAlertsEndedRelay(sockets.io);
  const databaseNotifications = listenForNotifications({
    url: env.DATABASE_URL,
    channels: [SIGNAL_UPDATE_CHANNEL, STRATEGY_CHANGE_CHANNEL, PRICE_ALERT_TRIGGERED_CHANNEL, PRICE_ALERT_ENDED_CHANNEL],
    onNotification: (channel, payload) => {
      if (channel === SIGNAL_UPDATE_CHANNEL) relaySignal(payload);
      else if (channel === PRICE_ALERT_TRIGGERED_CHANNEL) relayPriceAlert(payload);
      else if (channel === PRICE_ALERT_ENDED_CHANNEL) relayAlertsEnded(payload);
      else webhookStrategies.invalidate();
    },
    // Announcements missed while the connection was down: nothing cached may be trusted, and a
    // price alert may have fired unheard — this gateway's terminals read their alerts again.
    onReconnect: () => {
      webhookStrategies.invalidate();
      sockets.io.local.emit('priceAlertsStale');
    },
    onError: (error) => logger.warn({ err: error }, 'database notification listener lost its connection; reconnecting'),
  });
  const proxyTrust = { all: env.TRUST_PROXY, proxies: new Set(env.TRUSTED_PROXIES) };
  const webhooks = createWebhookHandler({
    strategies: webhookStrategies,
    signals,
    logger,
    proxyTrust,
    resolveTicker: cachedTickerCheck(intakeTickerCheck(engine)),
  });

  const metrics = createMetrics();
  metrics.setEngineConnected(engine.isConnected());
  const stopGauge = engine.onConnectedChange(metrics.setEngineConnected);

  const tls = servedOverTls(env);
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    maxBodySize: 1024 * 1024,
    // One HTTP request must stay one procedure call: a batch would let a single POST carry many
    // login or password guesses past per-request defences. The web uses httpLink, not batching.
    allowBatching: false,
    createContext: createContextFactory(services, {
      // Secure also when PUBLIC_URL says https: behind a TLS proxy the refresh token must never be
      // sent over plain http (an SSL-stripping attacker redirecting to http://…/trpc would read it).
      cookie: { secure: tls, maxAgeSeconds: env.REFRESH_TOKEN_TTL_SECONDS },
      proxyTrust,
      publicUrl: env.PUBLIC_URL,
    }),
  });
  const rest = createRestHandler({ services, limiter: createApiRequestLimiter(redis, env.API_REQUESTS_PER_MINUTE) });
  const brokers = createBrokerHttpHandler({
    states: services.kiteLogins,
    singleUse: createSingleUse(redis, logger),
    users: identity.users,
    brokerAccounts,
    engine: engine.brokerAccounts,
    logger,
  });
  const proxy = createWebProxy(env.WEB_URL, logger);
  const server = createLimitedServer(
    createRequestHandler({
      trpc,
      exports: createExportHandler({ services }),
      webhooks,
      rest,
      brokers,
      proxy,
      metrics,
      metricsAccess: { token: env.METRICS_TOKEN ?? null, proxyTrust },
      health: () => ({ engineConnected: engine.isConnected(), version, startedAt }),
      tls,
    }),
    { ...HTTP_SERVER_LIMITS, maxConnections: env.MAX_CONNECTIONS, ...options.httpLimits },
    logger,
  );
  sockets.attach(server);
  const upgrades = createUpgradeHandler(proxy);
  server.on('upgrade', upgrades.handle);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(env.PORT, env.HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST}:${port}`;
  logger.info({ url, engineUrl: env.ENGINE_URL, redis: Boolean(redis), webUrl: env.WEB_URL ?? null }, 'gateway listening');
  const cookieWarning = insecureCookieWarning(env);
  if (cookieWarning) logger.warn(cookieWarning);

  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    bootstrap,
    engine,
    identity,
    sessions,
    close() {
      closing ??= (async () => {
        const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
        await sockets.close();
        await revocations.close();
        server.closeAllConnections();
        upgrades.destroyAll();
        await serverClosed;
        stopGauge();
        proxy.close();
        await engine.close();
        await databaseNotifications.close();
        await identity.close();
        await pool.end();
        await redis?.quit().catch(() => undefined);
      })();
      return closing;
    },
  };
}
