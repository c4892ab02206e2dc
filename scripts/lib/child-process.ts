import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export type ManagedChild = {
  name: string;
  process: ChildProcess;
  /** Resolves with the first stdout line matching the pattern; rejects if the child exits first. */
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  stop(timeoutMs?: number): Promise<void>;
  exited: Promise<number | null>;
};

/** Spawns a child whose output is prefixed with its name, so three processes read as one log. */
export function startChild(
  name: string,
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; echo?: boolean },
): ManagedChild {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const listeners = new Set<(line: string) => void>();
  const echo = options.echo ?? true;
  const forward = (stream: NodeJS.ReadableStream, sink: NodeJS.WriteStream) => {
    createInterface({ input: stream }).on('line', (line) => {
      if (echo) sink.write(`[${name}] ${line}\n`);
      for (const listener of listeners) listener(line);
    });
  };
  if (child.stdout) forward(child.stdout, process.stdout);
  if (child.stderr) forward(child.stderr, process.stderr);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  return {
    name,
    process: child,
    exited,
    waitForLine(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners.delete(onLine);
          reject(new Error(`${name} did not become ready within ${timeoutMs / 1000}s`));
        }, timeoutMs);
        const onLine = (line: string) => {
          const match = pattern.exec(line);
          if (!match) return;
          clearTimeout(timer);
          listeners.delete(onLine);
          resolve(match);
        };
        listeners.add(onLine);
        void exited.then((code) => {
          clearTimeout(timer);
          reject(new Error(`${name} exited with code ${code} before it was ready`));
        });
      });
    },
    async stop(timeoutMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
