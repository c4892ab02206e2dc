import { spawnApp } from './app-process.ts';

export type EngineProcess = { url: string; token: string; output(): string; stop(): Promise<void> };

/** The real engine as a child process, resolved once it prints `ENGINE_READY ws://host:port`. */
export async function spawnEngine(options: {
  databaseUrl: string;
  token: string;
  env?: Record<string, string>;
  readyTimeoutMs?: number;
}): Promise<EngineProcess> {
  const app = await spawnApp({
    entry: 'apps/engine/src/main.ts',
    readyWord: 'ENGINE_READY',
    env: { ENGINE_PORT: '0', ENGINE_TOKEN: options.token, DATABASE_URL: options.databaseUrl, ...options.env },
    ...(options.readyTimeoutMs ? { readyTimeoutMs: options.readyTimeoutMs } : {}),
  });
  return { ...app, token: options.token };
}
