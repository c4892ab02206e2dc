import type { Tick } from '@strikedesk/domain';

type Listener = () => void;

/**
 * Latest tick per instrument, outside React so socket batches do not depend on render timing.
 * Each change publishes a new immutable Map (a cheap useSyncExternalStore snapshot).
 */
export class TickStore {
  private snapshot: ReadonlyMap<string, Tick> = new Map();
  private readonly listeners = new Set<Listener>();

  getSnapshot = (): ReadonlyMap<string, Tick> => this.snapshot;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Applies ticks, keeping whichever of old and new is newer (quotes may arrive after live ticks). */
  apply(ticks: readonly Tick[]): void {
    let next: Map<string, Tick> | null = null;
    for (const tick of ticks) {
      const current = (next ?? this.snapshot).get(tick.instrumentId);
      if (current && current.timestamp > tick.timestamp) continue;
      next ??= new Map(this.snapshot);
      next.set(tick.instrumentId, tick);
    }
    if (!next) return;
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }

  clear(): void {
    this.snapshot = new Map();
    for (const listener of this.listeners) listener();
  }
}
