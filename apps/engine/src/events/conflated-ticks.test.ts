import type { Tick } from '@strikedesk/domain';
import { stubTick } from '@strikedesk/domain/testing';
import { describe, expect, it } from 'vitest';
import { conflatedTicks } from './conflated-ticks.ts';
import { Topic } from './topic.ts';

const tick = (symbol: string, lastPrice: number) => stubTick(`NFO:${symbol}`, lastPrice);

describe('conflatedTicks', () => {
  it('keeps only the latest tick per instrument while the consumer is busy', async () => {
    const topic = new Topic<Tick[]>();
    const controller = new AbortController();
    const stream = conflatedTicks(topic, controller.signal);
    const first = stream.next();
    topic.publish([tick('A', 100)]);
    expect((await first).value).toEqual([tick('A', 100)]);

    // The consumer is away: three batches arrive.
    topic.publish([tick('A', 105), tick('B', 200)]);
    topic.publish([tick('A', 110)]);
    topic.publish([tick('C', 300), tick('B', 210)]);
    expect((await stream.next()).value).toEqual([tick('A', 110), tick('B', 210), tick('C', 300)]);

    const pendingRead = stream.next();
    controller.abort();
    expect((await pendingRead).done).toBe(true);
    expect(topic.listenerCount).toBe(0);
  });

  it('holds batches while the consumer socket is backed up, so ticks conflate instead of queueing', async () => {
    const topic = new Topic<Tick[]>();
    const controller = new AbortController();
    let backedUp = false;
    const stream = conflatedTicks(topic, controller.signal, () => backedUp);
    const first = stream.next();
    topic.publish([tick('A', 100)]);
    expect((await first).value).toEqual([tick('A', 100)]);

    // The generator is read at once (the tRPC adapter does), but the socket has not sent the last batch.
    backedUp = true;
    let answered = false;
    const second = stream.next().then((result) => {
      answered = true;
      return result;
    });
    topic.publish([tick('A', 105)]);
    topic.publish([tick('A', 110), tick('B', 200)]);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(answered).toBe(false);
    backedUp = false;
    expect((await second).value).toEqual([tick('A', 110), tick('B', 200)]);
    controller.abort();
  });
});
