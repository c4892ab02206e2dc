import type { Tick } from '@strikedesk/domain';
import { conflatedBatches } from './conflated-batches.ts';
import type { Congestion } from './socket-pacing.ts';
import type { Topic } from './topic.ts';

/** Tick batches for one subscriber, conflated per instrument while its socket is backed up. */
export function conflatedTicks(topic: Topic<Tick[]>, signal?: AbortSignal, congested?: Congestion): AsyncGenerator<Tick[], void, undefined> {
  return conflatedBatches<Tick>(
    (push) => topic.listen((batch) => batch.forEach(push)),
    (tick) => tick.instrumentId,
    signal,
    congested,
  );
}
