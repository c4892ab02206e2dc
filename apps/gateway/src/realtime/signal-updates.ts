import { SignalUpdateSchema } from '@strikedesk/domain';
import { listenForNotifications, SIGNAL_UPDATE_CHANNEL, type NotificationListener } from '@strikedesk/db/client';
import { z } from 'zod';
import type { Logger } from '../logger.ts';
import { userRoom, type GatewayIo } from './socket-events.ts';

const NotificationSchema = SignalUpdateSchema.extend({ userId: z.string() });

/**
 * Relays signal outcomes (PostgreSQL NOTIFY from the engine and the webhook intake) to the owner's
 * terminals. Every gateway listens and emits to its own sockets only (`io.local`): through the
 * Redis adapter each update would otherwise reach a browser once per gateway.
 */
export function relaySignalUpdates(io: GatewayIo, databaseUrl: string, logger: Logger): NotificationListener {
  return listenForNotifications({
    url: databaseUrl,
    channels: [SIGNAL_UPDATE_CHANNEL],
    onNotification: (_channel, payload) => {
      let update: z.infer<typeof NotificationSchema>;
      try {
        update = NotificationSchema.parse(JSON.parse(payload));
      } catch (error) {
        logger.warn({ err: error }, 'unreadable signal update ignored');
        return;
      }
      const { userId, ...signal } = update;
      io.local.to(userRoom(userId)).emit('signal', signal);
    },
    onError: (error) => logger.warn({ err: error }, 'signal update listener lost its connection; reconnecting'),
  });
}
