/**
 * Reference-counted instrument subscriptions: many components may watch the same instrument; the
 * server hears `subscribe` on the first and `unsubscribe` on the last.
 */
export class SubscriptionRegistry {
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly onAdded: (ids: string[]) => void,
    private readonly onRemoved: (ids: string[]) => void,
  ) {}

  add(ids: readonly string[]): () => void {
    const added: string[] = [];
    for (const id of ids) {
      const count = this.counts.get(id) ?? 0;
      this.counts.set(id, count + 1);
      if (count === 0) added.push(id);
    }
    if (added.length > 0) this.onAdded(added);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.release(ids);
    };
  }

  all(): string[] {
    return [...this.counts.keys()];
  }

  private release(ids: readonly string[]): void {
    const removed: string[] = [];
    for (const id of ids) {
      const count = this.counts.get(id) ?? 0;
      if (count <= 1) {
        this.counts.delete(id);
        if (count === 1) removed.push(id);
      } else {
        this.counts.set(id, count - 1);
      }
    }
    if (removed.length > 0) this.onRemoved(removed);
  }
}
