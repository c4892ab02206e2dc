/**
 * The crash harness's only source of randomness (mulberry32): the same seed picks the same kill
 * delays, traders' actions, prices and quantities. The processes' timing is not reproducible, so a
 * seed replays the same *plan*, not the same interleaving; the seed still belongs in every report.
 */
export class SeededRandom {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** An independent stream (one per trader), so one trader's choices do not shift another's. */
  fork(label: number): SeededRandom {
    return new SeededRandom((Math.imul(this.seed ^ 0x5bd1e995, 0x27d4eb2d) + Math.imul(label + 1, 0x165667b1)) >>> 0);
  }
}
