import { tracked } from '@trpc/server';
import { EventStreamInputSchema } from '@strikedesk/domain';
import { authedProcedure, router } from './trpc.ts';

export const eventsRouter = router({
  /** Tracked by journal seq: a reconnecting client sends its last id and resumes without gap. */
  stream: authedProcedure.input(EventStreamInputSchema).subscription(async function* ({ ctx, input, signal }) {
    for await (const envelope of ctx.services.events.stream(input.lastEventId ?? null, signal)) {
      yield tracked(String(envelope.seq), envelope);
    }
  }),
});
