import { tracked } from '@trpc/server';
import { EventStreamInputSchema } from '@strikedesk/domain';
import { congestionOf } from '../events/socket-pacing.ts';
import { authedProcedure, mapDomainErrors, router } from './trpc.ts';

export const eventsRouter = router({
  /**
   * Tracked by journal seq: a reconnecting client sends its last id and resumes without gap. Not a
   * generator itself, so a resume point past the journal fails the subscription before it starts
   * (EVENT_STREAM_AHEAD), rather than after a `started` the consumer would take as success.
   */
  stream: authedProcedure.input(EventStreamInputSchema).subscription(({ ctx, input, signal }) => {
    const lastEventId = input.lastEventId ?? null;
    ctx.services.events.assertResumable(lastEventId);
    const envelopes = ctx.services.events.stream(lastEventId, signal, congestionOf(ctx.connection.bufferedAmount));
    return mapDomainErrors(
      (async function* () {
        for await (const envelope of envelopes) yield tracked(String(envelope.seq), envelope);
      })(),
    );
  }),
});
