import { randomBytes } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@strikedesk/db/testing';
import { loadGatewayEnv, type GatewayEnv } from '../env.ts';
import { startGateway, type Gateway } from '../server.ts';
import { createGatewayClient, type GatewayClient } from './gateway-client.ts';
import { spawnEngine, type EngineProcess } from './engine-process.ts';
import { waitUntil } from '@strikedesk/domain/testing';

export const TEST_ADMIN = { username: 'admin', password: 'admin-password-1' } as const;

export type TestStack = {
  env: GatewayEnv;
  database: TestDatabase;
  /** Null when started with `engine: false` (the gateway then points at a closed port). */
  engine: EngineProcess | null;
  gateway: Gateway;
  client(): GatewayClient;
  close(): Promise<void>;
};

/**
 * A fresh database, a real engine child process and a gateway on port 0 — the whole backend as
 * production wires it, one per test file.
 */
export async function startTestStack(options: { engine?: boolean; env?: Record<string, string>; engineEnv?: Record<string, string> } = {}): Promise<TestStack> {
  const database = await createTestDatabase();
  const token = randomBytes(16).toString('hex');
  let engine: EngineProcess | null = null;
  try {
    if (options.engine !== false) engine = await spawnEngine({ databaseUrl: database.url, token, ...(options.engineEnv ? { env: options.engineEnv } : {}) });
    const env = loadGatewayEnv({
      HOST: '127.0.0.1',
      PORT: '0',
      // Port 9 (discard) refuses connections: an engine that is simply not there.
      ENGINE_URL: engine?.url ?? 'ws://127.0.0.1:9',
      ENGINE_TOKEN: token,
      DATABASE_URL: database.url,
      JWT_SECRET: randomBytes(32).toString('hex'),
      ADMIN_USERNAME: TEST_ADMIN.username,
      ADMIN_PASSWORD: TEST_ADMIN.password,
      LOG_LEVEL: 'silent',
      ...options.env,
    });
    const gateway = await startGateway(env, { engineCallTimeoutMs: 3_000 });
    if (engine) await waitUntil(() => gateway.engine.isConnected(), { timeoutMs: 15_000, message: 'gateway connects to the engine' });
    return {
      env,
      database,
      engine,
      gateway,
      client: () => createGatewayClient(gateway.url),
      async close() {
        await gateway.close();
        await engine?.stop();
        await database.drop();
      },
    };
  } catch (error) {
    await engine?.stop();
    await database.drop();
    throw error;
  }
}
