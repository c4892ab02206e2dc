import pg from 'pg';

export type NotificationListener = { close(): Promise<void> };

/**
 * LISTENs on PostgreSQL channels over one dedicated connection, reconnecting with a short backoff
 * when it drops. `onReconnect` runs after every (re)connection: a notification sent while the
 * connection was down is lost, so callers catch up from their tables there.
 */
export function listenForNotifications(options: {
  url: string;
  channels: readonly string[];
  onNotification: (channel: string, payload: string) => void;
  onReconnect?: () => void;
  onError?: (error: Error) => void;
}): NotificationListener {
  let client: pg.Client | null = null;
  let closed = false;
  let retryTimer: NodeJS.Timeout | undefined;

  const connect = async (delayMs: number): Promise<void> => {
    if (closed) return;
    const next = new pg.Client({ connectionString: options.url, application_name: 'strikedesk-listen' });
    next.on('notification', (message) => options.onNotification(message.channel, message.payload ?? ''));
    next.on('end', () => scheduleReconnect(next, Math.min(delayMs * 2, 5_000)));
    next.on('error', (error) => {
      options.onError?.(error);
      scheduleReconnect(next, Math.min(delayMs * 2, 5_000));
    });
    try {
      await next.connect();
      for (const channel of options.channels) await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      if (closed) return void (await next.end().catch(() => undefined));
      client = next;
      options.onReconnect?.();
    } catch (error) {
      options.onError?.(error as Error);
      scheduleReconnect(next, Math.min(delayMs * 2, 5_000));
    }
  };

  const scheduleReconnect = (broken: pg.Client, delayMs: number): void => {
    if (closed || (client !== null && client !== broken)) return;
    client = null;
    broken.end().catch(() => undefined);
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => void connect(delayMs), delayMs);
  };

  void connect(100);
  return {
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      await client?.end().catch(() => undefined);
      client = null;
    },
  };
}
