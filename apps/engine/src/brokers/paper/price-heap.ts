/** A binary heap of (key, id, version) entries, smallest key first (negate keys for largest first). */
export class PriceHeap {
  private keys: number[] = [];
  private ids: string[] = [];
  private versions: number[] = [];

  get size(): number {
    return this.keys.length;
  }

  push(key: number, id: string, version: number): void {
    this.keys.push(key);
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
    const lastId = this.ids.pop() as string;
    const lastVersion = this.versions.pop() as number;
    if (this.keys.length > 0) {
      this.keys[0] = lastKey;
      this.ids[0] = lastId;
      this.versions[0] = lastVersion;
      this.down(0);
    }
    return top;
  }

  private up(index: number): void {
    let child = index;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if ((this.keys[parent] as number) <= (this.keys[child] as number)) return;
      this.swap(parent, child);
      child = parent;
    }
  }

  private down(index: number): void {
    let parent = index;
    for (;;) {
      const left = parent * 2 + 1;
      const right = left + 1;
      let smallest = parent;
      if (left < this.keys.length && (this.keys[left] as number) < (this.keys[smallest] as number)) smallest = left;
      if (right < this.keys.length && (this.keys[right] as number) < (this.keys[smallest] as number)) smallest = right;
      if (smallest === parent) return;
      this.swap(parent, smallest);
      parent = smallest;
    }
  }

  private swap(a: number, b: number): void {
    [this.keys[a], this.keys[b]] = [this.keys[b] as number, this.keys[a] as number];
    [this.ids[a], this.ids[b]] = [this.ids[b] as string, this.ids[a] as string];
    [this.versions[a], this.versions[b]] = [this.versions[b] as number, this.versions[a] as number];
  }
}
