/**
 * A string-keyed Map split into 16 smaller Maps by the key's last two characters.
 *
 * Why: a Map rehashes all its entries at once when it grows, and the per-account indexes (client
 * order ids, trade ids) grow with every order of the day. The order that happens to grow one paid
 * ~85 µs on the benchmark machine and those orders were half of the core's p99 (docs/benchmarks.md,
 * "Engine core"). Sixteen small maps grow in steps a sixteenth the size. Keys differ in their last
 * characters (uuids, `…-<n>` counters), so the shards fill evenly.
 */
const SHARDS = 16;

const shardOf = (key: string): number => {
  const length = key.length;
  if (length === 0) return 0;
  return ((key.charCodeAt(length - 1) * 31 + (length > 1 ? key.charCodeAt(length - 2) : 0)) & (SHARDS - 1)) >>> 0;
};

export class ShardedMap<V> {
  private readonly shards: Map<string, V>[] = Array.from({ length: SHARDS }, () => new Map<string, V>());
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(key: string): V | undefined {
    return (this.shards[shardOf(key)] as Map<string, V>).get(key);
  }

  has(key: string): boolean {
    return (this.shards[shardOf(key)] as Map<string, V>).has(key);
  }

  set(key: string, value: V): this {
    const shard = this.shards[shardOf(key)] as Map<string, V>;
    const before = shard.size;
    shard.set(key, value);
    this.count += shard.size - before;
    return this;
  }

  delete(key: string): boolean {
    const deleted = (this.shards[shardOf(key)] as Map<string, V>).delete(key);
    if (deleted) this.count -= 1;
    return deleted;
  }

  *keys(): IterableIterator<string> {
    for (const shard of this.shards) yield* shard.keys();
  }

  *values(): IterableIterator<V> {
    for (const shard of this.shards) yield* shard.values();
  }
}
