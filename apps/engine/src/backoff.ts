export type BackoffOptions = { initialMs: number; maxMs: number };

const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 50, maxMs: 2_000 };

/** Exponential delays for retrying against a database that is briefly away. */
export class Backoff {
  private nextMs: number;
  private readonly maxMs: number;

  constructor(options: BackoffOptions = DEFAULT_BACKOFF) {
    this.nextMs = options.initialMs;
    this.maxMs = options.maxMs;
  }

  next(): number {
    const delay = this.nextMs;
    this.nextMs = Math.min(this.nextMs * 2, this.maxMs);
    return delay;
  }
}

/** Resolves after `ms`, or at once when `signal` aborts (callers re-check their own state). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
