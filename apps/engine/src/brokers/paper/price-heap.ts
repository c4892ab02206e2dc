/**
 * A binary heap of (key, priority, id, version) entries: smallest key first (negate keys for
 * largest first), and among equal keys the smallest priority first — the order's time priority,
 * as on an exchange's book (a binary heap alone does not keep insertion order).
 */
export class PriceHeap {
  private keys: number[] = [];
  private priorities: number[] = [];
  private ids: string[] = [];
  private versions: number[] = [];

  get size(): number {
    return this.keys.length;
  }

  push(key: number, priority: number, id: string, version: number): void {
    this.keys.push(key);
    this.priorities.push(priority);
    this.ids.push(id);
    this.versions.push(version);
    this.up(this.keys.length - 1);
  }

  /** The smallest key, or undefined when empty. */
  peekKey(): number | undefined {
    return this.keys[0];
  }

  /** Removes and returns the top entry. */
  pop(): { key: number; id: string; version: number } | undefined {
    if (this.keys.length === 0) return undefined;
    const top = { key: this.keys[0] as number, id: this.ids[0] as string, version: this.versions[0] as number };
    const lastKey = this.keys.pop() as number;
    const lastPriority = this.priorities.pop() as number;
    const lastId = this.ids.pop() as string;
    const lastVersion = this.versions.pop() as number;
    if (this.keys.length > 0) {
      this.keys[0] = lastKey;
      this.priorities[0] = lastPriority;
      this.ids[0] = lastId;
      this.versions[0] = lastVersion;
      this.down(0);
    }
    return top;
  }

  /** Entry a comes before entry b. */
  private before(a: number, b: number): boolean {
    const keyA = this.keys[a] as number;
    const keyB = this.keys[b] as number;
    return keyA < keyB || (keyA === keyB && (this.priorities[a] as number) < (this.priorities[b] as number));
  }

  private up(index: number): void {
    let child = index;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (!this.before(child, parent)) return;
      this.swap(parent, child);
      child = parent;
    }
  }

  private down(index: number): void {
    let parent = index;
    for (;;) {
      const left = parent * 2 + 1;
      const right = left + 1;
      let first = parent;
      if (left < this.keys.length && this.before(left, first)) first = left;
      if (right < this.keys.length && this.before(right, first)) first = right;
      if (first === parent) return;
      this.swap(parent, first);
      parent = first;
    }
  }

  private swap(a: number, b: number): void {
    [this.keys[a], this.keys[b]] = [this.keys[b] as number, this.keys[a] as number];
    [this.priorities[a], this.priorities[b]] = [this.priorities[b] as number, this.priorities[a] as number];
    [this.ids[a], this.ids[b]] = [this.ids[b] as string, this.ids[a] as string];
    [this.versions[a], this.versions[b]] = [this.versions[b] as number, this.versions[a] as number];
  }
}
