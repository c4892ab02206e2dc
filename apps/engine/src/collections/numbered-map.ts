/**
 * A map from ids that carry their own sequence number (`PB-17`) to values, kept in an array indexed
 * by that number; ids without one go to an ordinary Map.
 *
 * Why not a Map: a JavaScript Map rehashes every entry at once when it grows, and a trading day's
 * orders reach sizes where that blocks the event loop — 31 ms at 131,072 entries and 95 ms at
 * 524,288 on the benchmark machine (docs/benchmarks.md, "Engine core"), landing on whichever order
 * happens to be the one that grows it. An array grows by copying pointers (about 1 ms at 500,000).
 *
 * `numberOf` must give distinct ids distinct numbers (or 0 for "not numbered"). The array starts at
 * number 1, or where `startAt` says: a venue restarted in the middle of a day numbers on from
 * PB-200001, and an array from 1 would leave everything past the allowed gap in the Map.
 */
const MAX_GAP = 1 << 16;

export class NumberedMap<V> {
  private byNumber: (V | undefined)[] = [];
  /** The number stored at index 0 of the array. */
  private base = 0;
  private readonly others = new Map<string, V>();
  private count = 0;

  constructor(private readonly numberOf: (id: string) => number) {}

  get size(): number {
    return this.count;
  }

  /** Entries kept in the Map rather than the array (foreign or far-off ids; for tests and tuning). */
  get spilled(): number {
    return this.others.size;
  }

  /**
   * Numbers from `first` on are expected next and dense: the array starts there (a venue says so
   * when it restores the day, before filing anything). Ignored once the array holds entries.
   */
  startAt(first: number): void {
    if (this.byNumber.length > 0 || first < 1) return;
    this.base = first;
  }

  get(id: string): V | undefined {
    const index = this.numberOf(id) - this.base;
    if (index >= 0 && index < this.byNumber.length) {
      const value = this.byNumber[index];
      if (value !== undefined) return value;
    }
    return this.others.size > 0 ? this.others.get(id) : undefined;
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  set(id: string, value: V): void {
    const n = this.numberOf(id);
    const index = n - this.base;
    // A number far past the end (a foreign id that happens to parse) would make a huge array.
    if (n === 0 || index < 0 || index > this.byNumber.length + MAX_GAP) {
      if (!this.others.has(id)) this.count += 1;
      this.others.set(id, value);
      return;
    }
    if (this.others.size > 0 && this.others.delete(id)) this.count -= 1;
    // Fill any gap first: an array written past its end turns into a slow dictionary.
    while (this.byNumber.length < index) this.byNumber.push(undefined);
    if (this.byNumber[index] === undefined) this.count += 1;
    this.byNumber[index] = value;
  }

  delete(id: string): boolean {
    const index = this.numberOf(id) - this.base;
    if (index >= 0 && index < this.byNumber.length && this.byNumber[index] !== undefined) {
      this.byNumber[index] = undefined;
      this.count -= 1;
      return true;
    }
    const had = this.others.delete(id);
    if (had) this.count -= 1;
    return had;
  }

  /** Values in the array by number, then the others in insertion order. */
  *values(): IterableIterator<V> {
    for (const value of this.byNumber) if (value !== undefined) yield value;
    yield* this.others.values();
  }

  clear(): void {
    this.byNumber = [];
    this.base = 0;
    this.others.clear();
    this.count = 0;
  }
}

/** `n` of an id `<prefix>-<n>` (n a positive integer without leading zeros), else 0. Parsed by hand: it runs per order. */
export function prefixedNumber(prefix: string): (id: string) => number {
  const start = prefix.length + 1;
  return (id) => {
    if (id.length <= start || id.length > start + 15 || !id.startsWith(prefix) || id.charCodeAt(prefix.length) !== 45 /* - */) return 0;
    if (id.charCodeAt(start) === 48 /* 0 */) return 0;
    let n = 0;
    for (let index = start; index < id.length; index += 1) {
      const code = id.charCodeAt(index);
      if (code < 48 || code > 57) return 0;
      n = n * 10 + (code - 48);
    }
    return n;
  };
}
