import { EventEmitter, on } from 'node:events';

/**
 * An in-process publish/subscribe channel. `iterate` buffers from the moment it is called, which
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
   * Live values from the moment of this call, buffered until consumed — the listener is attached
   * eagerly (not on the first `next()`), which is what lets a caller subscribe before reading a
   * backlog. Ends quietly when `signal` aborts; call `return()` to detach early.
   */
  subscribe(signal?: AbortSignal): AsyncGenerator<T, void, undefined> {
    const iterator = on(this.emitter, 'value', signal ? { signal } : {});
    return (async function* drain(): AsyncGenerator<T, void, undefined> {
      try {
        for await (const [value] of iterator) yield value as T;
      } catch (error) {
        if (signal?.aborted) return;
        throw error;
      } finally {
        await iterator.return?.();
      }
    })();
  }
}
