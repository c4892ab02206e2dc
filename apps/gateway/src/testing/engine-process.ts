import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const ENGINE_MAIN = 'apps/engine/src/main.ts';

export type EngineProcess = { url: string; token: string; output(): string; stop(): Promise<void> };

/**
 * Starts the real engine as a child process (never imported: apps share types only) and resolves
 * once it prints `ENGINE_READY ws://host:port`.
 */
export async function spawnEngine(options: {
  databaseUrl: string;
  token: string;
  env?: Record<string, string>;
  readyTimeoutMs?: number;
}): Promise<EngineProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', ENGINE_MAIN], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      ENGINE_PORT: '0',
      ENGINE_TOKEN: options.token,
      DATABASE_URL: options.databaseUrl,
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`engine did not print ENGINE_READY within the timeout:\n${output}`)),
      options.readyTimeoutMs ?? 45_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ENGINE_READY (ws:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`engine exited with code ${code} before it was ready:\n${output}`));
    });
  });
  return {
    url,
    token: options.token,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
