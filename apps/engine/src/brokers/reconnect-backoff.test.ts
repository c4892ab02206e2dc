import { describe, expect, it } from 'vitest';
import { ReconnectBackoff } from './reconnect-backoff.ts';

describe('ReconnectBackoff', () => {
  it('doubles with jitter between half and all of each step, capped', () => {
    const low = new ReconnectBackoff({ initialMs: 2_000, maxMs: 60_000, random: () => 0 });
    const high = new ReconnectBackoff({ initialMs: 2_000, maxMs: 60_000, random: () => 0.999_999 });
    const steps = [2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000];
    for (const step of steps) {
      expect(low.next()).toBe(step / 2);
      expect(high.next()).toBe(step);
    }
    expect(low.attempts).toBe(steps.length);
  });

  it('starts over after a reset', () => {
    const backoff = new ReconnectBackoff({ initialMs: 100, maxMs: 1_000, random: () => 0 });
    backoff.next();
    backoff.next();
    backoff.reset();
    expect(backoff.next()).toBe(50);
    expect(backoff.attempts).toBe(1);
  });

  it('refuses nonsense bounds', () => {
    expect(() => new ReconnectBackoff({ initialMs: 0, maxMs: 10 })).toThrow(RangeError);
    expect(() => new ReconnectBackoff({ initialMs: 10, maxMs: 5 })).toThrow(RangeError);
  });
});
