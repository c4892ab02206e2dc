import { describe, expect, it } from 'vitest';
import { createMemoryAttemptLimiter } from './attempt-limiter.ts';

describe('memory attempt limiter', () => {
  it('blocks a key after the limit until its window ends, and reset clears it', async () => {
    let time = 1_000_000;
    const limiter = createMemoryAttemptLimiter({ maxFailures: 3, windowMs: 60_000 }, () => time);
    for (let i = 0; i < 2; i += 1) await limiter.recordFailure('alice|1.2.3.4');
    expect(await limiter.retryAfterSeconds('alice|1.2.3.4')).toBe(0);
    await limiter.recordFailure('alice|1.2.3.4');
    expect(await limiter.retryAfterSeconds('alice|1.2.3.4')).toBe(60);
    expect(await limiter.retryAfterSeconds('alice|5.6.7.8')).toBe(0);
    time += 60_000;
    expect(await limiter.retryAfterSeconds('alice|1.2.3.4')).toBe(0);
    await limiter.recordFailure('bob|1.2.3.4');
    await limiter.recordFailure('bob|1.2.3.4');
    await limiter.recordFailure('bob|1.2.3.4');
    await limiter.reset('bob|1.2.3.4');
    expect(await limiter.retryAfterSeconds('bob|1.2.3.4')).toBe(0);
  });
});
