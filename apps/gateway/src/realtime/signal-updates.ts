import { SignalUpdateSchema } from '@strikedesk/domain';
import { z } from 'zod';
import type { Logger } from '../logger.ts';
import { userRoom, type GatewayIo } from './socket-events.ts';

const NotificationSchema = SignalUpdateSchema.extend({ userId: z.string() });

/**
 * Relays a signal outcome (a SIGNAL_UPDATE_CHANNEL notification from the engine or a webhook
 * intake) to the owner's terminals. Every gateway listens and emits to its own sockets only
 * (`io.local`): through the Redis adapter each update would otherwise reach a browser once per gateway.
 */
export function signalUpdateRelay(io: GatewayIo, logger: Logger): (payload: string) => void {
  return (payload) => {
    let update: z.infer<typeof NotificationSchema>;
    try {
      update = NotificationSchema.parse(JSON.parse(payload));
    } catch (error) {
      logger.warn({ err: error }, 'unreadable signal update ignored');
      return;
    }
    const { userId, ...signal } = update;
    io.local.to(userRoom(userId)).emit('signal', signal);
  };
}
