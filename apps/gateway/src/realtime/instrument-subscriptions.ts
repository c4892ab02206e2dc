import { z } from 'zod';
import { InstrumentIdSchema, MAX_LIVE_SUBSCRIPTIONS } from '@strikedesk/domain';
import type { TickStream } from '../engine/tick-stream.ts';
import { describeIssues } from '../trpc/app-error.ts';
import { instrumentRoom, type GatewaySocket, type SubscribeAck } from './socket-events.ts';

export const MAX_INSTRUMENTS_PER_SOCKET = MAX_LIVE_SUBSCRIPTIONS;

const InstrumentListSchema = z.array(InstrumentIdSchema).max(MAX_INSTRUMENTS_PER_SOCKET);

type Ack = (response: SubscribeAck) => void;
const asAck = (value: unknown): Ack | null => (typeof value === 'function' ? (value as Ack) : null);

/** subscribe/unsubscribe handlers for one socket. Junk gets an error ack, never an exception. */
export function handleInstrumentSubscriptions(socket: GatewaySocket, ticks: TickStream): void {
  socket.on('subscribe', (payload, ackArgument) => {
    const ack = asAck(ackArgument);
    const parsed = InstrumentListSchema.safeParse(payload);
    if (!parsed.success) {
      ack?.({ ok: false, code: 'VALIDATION_FAILED', message: `subscribe takes a list of instrument ids: ${describeIssues(parsed.error.issues)}` });
      return;
    }
    const subscribed = socket.data.instruments;
    const fresh = [...new Set(parsed.data)].filter((id) => !subscribed.has(id));
    if (subscribed.size + fresh.length > MAX_INSTRUMENTS_PER_SOCKET) {
      ack?.({ ok: false, code: 'VALIDATION_FAILED', message: `At most ${MAX_INSTRUMENTS_PER_SOCKET} instruments per connection.` });
      return;
    }
    for (const id of fresh) subscribed.add(id);
    void socket.join(fresh.map(instrumentRoom));
    ack?.({ ok: true, count: subscribed.size });
    // First paint: the latest tick we know, rather than waiting for the instrument to trade.
    const snapshot = ticks.latest(fresh);
    if (snapshot.length > 0) socket.emit('ticks', snapshot);
  });

  socket.on('unsubscribe', (payload, ackArgument) => {
    const ack = asAck(ackArgument);
    const parsed = InstrumentListSchema.safeParse(payload);
    if (!parsed.success) {
      ack?.({ ok: false, code: 'VALIDATION_FAILED', message: `unsubscribe takes a list of instrument ids: ${describeIssues(parsed.error.issues)}` });
      return;
    }
    for (const id of parsed.data) {
      socket.data.instruments.delete(id);
      void socket.leave(instrumentRoom(id));
    }
    ack?.({ ok: true, count: socket.data.instruments.size });
  });
}
