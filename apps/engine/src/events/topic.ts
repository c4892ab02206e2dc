import { EventEmitter } from 'node:events';

/** A subscriber fell further behind than its buffer allows; it must resume from durable storage. */
export class SubscriberOverflowError extends Error {
  constructor(readonly limit: number) {
    super(`subscriber fell more than ${limit} values behind`);
    this.name = 'SubscriberOverflowError';
  }
}

/**
 * Live values for one subscriber, buffered until consumed, at most `limit` of them. Past the
 * limit the subscription fails (buffer dropped, next read rejects) instead of growing without
 * bound behind a consumer that cannot keep up.
 */
export class LiveSubscription<T> implements AsyncIterator<T, undefined> {
  private buffer: T[] = [];
  private reader: { resolve(result: IteratorResult<T, undefined>): void; reject(error: Error): void } | null = null;
  private ended = false;
  private failure: Error | null = null;

  constructor(
    private readonly limit: number,
    private readonly detach: () => void,
  ) {}

  /** Set once the subscription failed (e.g. overflowed); lets a paused consumer notice at once. */
  get failed(): Error | null {
    return this.failure;
  }

  get bufferedCount(): number {
    return this.buffer.length;
  }

  push(value: T): void {
    if (this.ended) return;
    if (this.reader) {
      const { resolve } = this.reader;
      this.reader = null;
      resolve({ value, done: false });
      return;
    }
    this.buffer.push(value);
    if (this.buffer.length > this.limit) this.fail(new SubscriberOverflowError(this.limit));
  }

  next(): Promise<IteratorResult<T, undefined>> {
    if (this.buffer.length > 0) return Promise.resolve({ value: this.buffer.shift() as T, done: false });
    if (this.failure) return Promise.reject(this.failure);
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => (this.reader = { resolve, reject }));
  }

  return(): Promise<IteratorResult<T, undefined>> {
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** Stops quietly: buffered values are dropped, a pending read completes as done. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.buffer = [];
    this.detach();
    const reader = this.reader;
    this.reader = null;
    reader?.resolve({ value: undefined, done: true });
  }

  private fail(error: Error): void {
    this.failure = error;
    this.ended = true;
    this.buffer = [];
    this.detach();
    const reader = this.reader;
    this.reader = null;
    reader?.reject(error);
  }
}

/**
 * An in-process publish/subscribe channel. `subscribe` buffers from the moment it is called, which
 * is what lets a subscription attach to the live feed before reading a backlog (no gap).
 */
export class Topic<T> {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Every WebSocket subscription is a listener; the default cap of 10 would warn spuriously.
    this.emitter.setMaxListeners(0);
  }

  publish(value: T): void {
    this.emitter.emit('value', value);
  }

  listen(listener: (value: T) => void): () => void {
    this.emitter.on('value', listener);
    return () => this.emitter.off('value', listener);
  }

  get listenerCount(): number {
    return this.emitter.listenerCount('value');
  }

  /**
   * Live values from the moment of this call — the listener is attached eagerly (not on the first
   * `next()`), which is what lets a caller subscribe before reading a backlog. At most
   * `maxBuffered` unread values are held (then the subscription fails with
   * SubscriberOverflowError). Ends quietly when `signal` aborts; call `return()` to detach early.
   */
  subscribe(signal?: AbortSignal, options: { maxBuffered?: number } = {}): LiveSubscription<T> {
    const onAbort = (): void => subscription.end();
    const stopListening = this.listen((value) => subscription.push(value));
    const subscription: LiveSubscription<T> = new LiveSubscription<T>(options.maxBuffered ?? Number.POSITIVE_INFINITY, () => {
      stopListening();
      signal?.removeEventListener('abort', onAbort);
    });
    if (signal?.aborted) subscription.end();
    else signal?.addEventListener('abort', onAbort, { once: true });
    return subscription;
  }
}
