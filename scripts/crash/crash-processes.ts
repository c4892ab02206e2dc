import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';

/**
 * The processes the crash harness runs: the paper venue (started once, must outlive every engine)
 * and the engine (started, SIGKILLed and restarted on one fixed port, so a client reconnects to
 * the same URL). Their output goes to log files, with the last lines kept for failure reports.
 */

const TAIL_LINES = 200;

/** Children still running; killed when the harness process exits for any reason. */
const live = new Set<ChildProcess>();
let exitHookInstalled = false;
function track(child: ChildProcess): void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const running of live) running.kill('SIGKILL');
    });
  }
  live.add(child);
  child.once('exit', () => live.delete(child));
}

/** A port free now on 127.0.0.1 (the engine binds it again after every restart). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('could not find a free port');
  return address.port;
}

class OutputLog {
  private readonly lines: string[] = [];
  private readonly file: WriteStream;

  constructor(readonly path: string) {
    this.file = createWriteStream(path, { flags: 'a' });
  }

  write(line: string): void {
    this.file.write(`${line}\n`);
    this.lines.push(line);
    if (this.lines.length > TAIL_LINES) this.lines.shift();
  }

  tail(count = 40): string {
    return this.lines.slice(-count).join('\n');
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.file.end(resolve));
  }
}

type Spawned = { child: ChildProcess; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> };

function spawnNode(script: string, options: { cwd: string; env: NodeJS.ProcessEnv; log: OutputLog; onLine?: (line: string) => void }): Spawned {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  track(child);
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (line) => {
      options.log.write(line);
      options.onLine?.(line);
    });
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, exited };
}

function waitForLine(spawned: Spawned, subscribe: (listener: (line: string) => void) => () => void, pattern: RegExp, timeoutMs: number, describe: () => string): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let unsubscribe = (): void => undefined;
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`no ${pattern} within ${timeoutMs} ms\n${describe()}`));
    }, timeoutMs);
    unsubscribe = subscribe((line) => {
      const match = pattern.exec(line);
      if (!match) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(match);
    });
    void spawned.exited.then(({ code, signal }) => {
      clearTimeout(timer);
      unsubscribe();
      reject(new Error(`exited (code ${code}, signal ${signal}) before printing ${pattern}\n${describe()}`));
    });
  });
}

async function terminate(spawned: Spawned, graceMs: number): Promise<void> {
  const { child } = spawned;
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await spawned.exited;
  clearTimeout(timer);
}

export type VenueProcess = {
  url: string;
  /** Set once the venue exited: it must outlive every engine, so this fails the run. */
  exit(): { code: number | null; signal: NodeJS.Signals | null } | null;
  tail(count?: number): string;
  logPath: string;
  stop(): Promise<void>;
};

export async function startVenue(options: { cwd: string; seed: number; tickMs: number; logPath: string }): Promise<VenueProcess> {
  const log = new OutputLog(options.logPath);
  const listeners = new Set<(line: string) => void>();
  const spawned = spawnNode('apps/engine/src/brokers/paper-venue/venue-main.ts', {
    cwd: options.cwd,
    env: { ...process.env, VENUE_HOST: '127.0.0.1', VENUE_PORT: '0', SIM_SEED: String(options.seed), SIM_TICK_MS: String(options.tickMs), LOG_LEVEL: 'warn' },
    log,
    onLine: (line) => {
      for (const listener of listeners) listener(line);
    },
  });
  let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  void spawned.exited.then((result) => (exit = result));
  const subscribe = (listener: (line: string) => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  let match: RegExpMatchArray;
  try {
    match = await waitForLine(spawned, subscribe, /VENUE_READY (http:\/\/\S+)/, 30_000, () => log.tail());
  } catch (error) {
    await terminate(spawned, 2_000);
    await log.close();
    throw new Error(`paper venue did not start: ${error instanceof Error ? error.message : String(error)}`);
  }
  return {
    url: match[1] ?? '',
    exit: () => exit,
    tail: (count) => log.tail(count),
    logPath: options.logPath,
    async stop() {
      await terminate(spawned, 5_000);
      await log.close();
    },
  };
}

export type EngineExit = { code: number | null; signal: NodeJS.Signals | null; killedByHarness: boolean; at: number; tail: string };

/**
 * One engine at a time on a fixed port. `start` spawns and waits for ENGINE_READY; `kill` is a
 * SIGKILL (no shutdown code runs); an exit the harness did not cause is recorded as a finding.
 */
export class EngineSupervisor {
  private current: (Spawned & { killedByHarness: boolean }) | null = null;
  private readonly log: OutputLog;
  private readonly listeners = new Set<(line: string) => void>();
  private starts = 0;
  readonly unexpectedExits: EngineExit[] = [];
  /** What each start recovered from (its `state recovered` log line, at LOG_LEVEL info or below). */
  readonly recoveries: { snapshotSeq: number | null; replayed: number; lastSeq: number }[] = [];
  /** Totals of the engine's `reconciled with the broker` log lines (info): what recovery had to settle. */
  readonly reconciled = { startupRuns: 0, startupEvents: 0, resent: 0, laterRuns: 0, laterEvents: 0, recanceled: 0 };

  constructor(
    private readonly options: { cwd: string; port: number; env: Record<string, string>; logPath: string; readyTimeoutMs?: number },
  ) {
    this.log = new OutputLog(options.logPath);
  }

  get url(): string {
    return `ws://127.0.0.1:${this.options.port}`;
  }

  get logPath(): string {
    return this.options.logPath;
  }

  get running(): boolean {
    const child = this.current?.child;
    return child !== undefined && child.exitCode === null && child.signalCode === null;
  }

  tail(count?: number): string {
    return this.log.tail(count);
  }

  /** Spawns the engine; resolves with the milliseconds from spawn to ENGINE_READY. */
  async start(): Promise<number> {
    if (this.running) throw new Error('engine already running');
    const started = performance.now();
    const spawned = this.spawn();
    const subscribe = (listener: (line: string) => void) => {
      this.listeners.add(listener);
      return () => this.listeners.delete(listener);
    };
    await waitForLine(spawned, subscribe, /ENGINE_READY ws:\/\//, this.options.readyTimeoutMs ?? 60_000, () => this.log.tail());
    return performance.now() - started;
  }

  /** Spawns the engine and SIGKILLs it `afterMs` later, whatever it is doing (start-up, recovery, reconciliation). */
  async startAndKill(afterMs: number): Promise<{ reachedReady: boolean }> {
    if (this.running) throw new Error('engine already running');
    let ready = false;
    const onLine = (line: string): void => {
      if (line.includes('ENGINE_READY')) ready = true;
    };
    this.listeners.add(onLine);
    this.spawn();
    await new Promise((resolve) => setTimeout(resolve, afterMs));
    this.listeners.delete(onLine);
    await this.kill();
    return { reachedReady: ready };
  }

  /** SIGKILL and wait for the process to be gone (its port is free again afterwards). */
  async kill(): Promise<void> {
    const current = this.current;
    if (!current) return;
    current.killedByHarness = true;
    if (current.child.exitCode === null && current.child.signalCode === null) current.child.kill('SIGKILL');
    await current.exited;
  }

  /** Graceful stop at the end of a run (SIGTERM, then SIGKILL after the grace). */
  async stop(): Promise<void> {
    const current = this.current;
    if (current) {
      current.killedByHarness = true;
      await terminate(current, 10_000);
    }
    await this.log.close();
  }

  private noteRecovery(line: string): void {
    try {
      const parsed = JSON.parse(line) as { snapshotSeq?: unknown; replayed?: unknown; lastSeq?: unknown };
      this.recoveries.push({
        snapshotSeq: typeof parsed.snapshotSeq === 'number' ? parsed.snapshotSeq : null,
        replayed: typeof parsed.replayed === 'number' ? parsed.replayed : 0,
        lastSeq: typeof parsed.lastSeq === 'number' ? parsed.lastSeq : 0,
      });
    } catch {
      // not a JSON log line
    }
  }

  private noteReconciliation(line: string): void {
    try {
      const parsed = JSON.parse(line) as { startup?: unknown; events?: unknown; resent?: unknown; recanceled?: unknown };
      const events = typeof parsed.events === 'number' ? parsed.events : 0;
      if (parsed.startup === true) {
        this.reconciled.startupRuns += 1;
        this.reconciled.startupEvents += events;
      } else {
        this.reconciled.laterRuns += 1;
        this.reconciled.laterEvents += events;
      }
      this.reconciled.resent += typeof parsed.resent === 'number' ? parsed.resent : 0;
      this.reconciled.recanceled += typeof parsed.recanceled === 'number' ? parsed.recanceled : 0;
    } catch {
      // not a JSON log line
    }
  }

  private spawn(): Spawned {
    this.starts += 1;
    this.log.write(`----- crash harness: engine start #${this.starts} at ${new Date().toISOString()} -----`);
    const spawned = spawnNode('apps/engine/src/main.ts', {
      cwd: this.options.cwd,
      env: { ...process.env, ...this.options.env, ENGINE_HOST: '127.0.0.1', ENGINE_PORT: String(this.options.port) },
      log: this.log,
      onLine: (line) => {
        if (line.includes('"state recovered"')) this.noteRecovery(line);
        if (line.includes('"reconciled with the broker"')) this.noteReconciliation(line);
        for (const listener of this.listeners) listener(line);
      },
    });
    const entry = { ...spawned, killedByHarness: false };
    this.current = entry;
    void spawned.exited.then(({ code, signal }) => {
      if (!entry.killedByHarness) this.unexpectedExits.push({ code, signal, killedByHarness: false, at: Date.now(), tail: this.log.tail(60) });
    });
    return spawned;
  }
}
