import { SeededRandom as Mulberry32 } from '../../apps/engine/src/market/seeded-random.ts';

/**
 * The crash harness's only source of randomness — the simulator's generator (mulberry32) plus the
 * choices a plan needs: the same seed picks the same kill delays, traders' actions, prices and
 * quantities. The processes' timing is not reproducible, so a seed replays the same *plan*, not the
 * same interleaving; the seed still belongs in every report.
 */
export class SeededRandom extends Mulberry32 {
  constructor(readonly seed: number) {
    super(seed >>> 0 || 0x9e3779b9); // a zero state would start the sequence at a fixed point
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
