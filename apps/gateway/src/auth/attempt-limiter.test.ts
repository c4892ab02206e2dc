import { describe, expect, it } from 'vitest';
import { createMemoryAttemptLimiter } from './attempt-limiter.ts';

describe('memory attempt limiter', () => {
  it('lets maxAttempts through per window, refuses the rest until the window ends; reset clears it', async () => {
    let time = 1_000_000;
    const limiter = createMemoryAttemptLimiter({ maxAttempts: 3, windowMs: 60_000 }, () => time);
    for (let i = 0; i < 3; i += 1) expect(await limiter.attempt('alice|1.2.3.4')).toBe(0);
    expect(await limiter.attempt('alice|1.2.3.4')).toBe(60);
    expect(await limiter.attempt('alice|5.6.7.8')).toBe(0);
    time += 30_000;
    expect(await limiter.attempt('alice|1.2.3.4')).toBe(30);
    time += 30_000;
    expect(await limiter.attempt('alice|1.2.3.4')).toBe(0);
    for (let i = 0; i < 3; i += 1) await limiter.attempt('bob|1.2.3.4');
    await limiter.reset('bob|1.2.3.4');
    expect(await limiter.attempt('bob|1.2.3.4')).toBe(0);
  });

  it('counts concurrent attempts one by one: only maxAttempts of them go ahead', async () => {
    const limiter = createMemoryAttemptLimiter({ maxAttempts: 5, windowMs: 60_000 });
    const answers = await Promise.all(Array.from({ length: 20 }, () => limiter.attempt('carol|1.2.3.4')));
    expect(answers.filter((retryAfter) => retryAfter === 0)).toHaveLength(5);
  });

  it('refund takes back one attempt of the current window only, never below none', async () => {
    let time = 1_000_000;
    const limiter = createMemoryAttemptLimiter({ maxAttempts: 2, windowMs: 60_000 }, () => time);
    await limiter.refund('erin|1.2.3.4');
    expect(await limiter.attempt('erin|1.2.3.4')).toBe(0);
    // More refunds than attempts: the count stops at none, it does not become a credit.
    await limiter.refund('erin|1.2.3.4');
    await limiter.refund('erin|1.2.3.4');
    expect(await limiter.attempt('erin|1.2.3.4')).toBe(0);
    expect(await limiter.attempt('erin|1.2.3.4')).toBe(0);
    await limiter.refund('erin|1.2.3.4');
    // One taken back, one still counted: one more goes ahead, the next does not.
    expect(await limiter.attempt('erin|1.2.3.4')).toBe(0);
    expect(await limiter.attempt('erin|1.2.3.4')).toBe(60);
    // A refund for a window that has ended does not carry into the next one.
    time += 60_000;
    await limiter.refund('erin|1.2.3.4');
    expect(await limiter.attempt('erin|1.2.3.4')).toBe(0);
    expect(await limiter.attempt('erin|1.2.3.4')).toBe(0);
    expect(await limiter.attempt('erin|1.2.3.4')).toBe(60);
  });
});
