import { setTimeout as delay } from 'node:timers/promises';
import { priceAlertTriggeredText, SignalUpdateSchema, signalNotificationText, type NotificationSettings, type PriceAlert } from '@strikedesk/domain';
import { listenForNotifications, SIGNAL_UPDATE_CHANNEL, type NotificationListener, type NotificationSettingsStore } from '@strikedesk/db/client';
import type { Logger } from 'pino';
import { z } from 'zod';

const UpdateSchema = SignalUpdateSchema.extend({ userId: z.string() });
/** Telegram allows about one message a second per chat. */
const PER_CHAT_SPACING_MS = 1_100;
const MAX_QUEUED_PER_CHAT = 20;
const SETTINGS_TTL_MS = 30_000;

type ChatQueue = { texts: string[]; dropped: number; running: boolean };

/**
 * Sends signal outcomes (the statuses the trader chose) and fired price alerts (always) to each
 * trader's Telegram chat through the installation's bot. Signal outcomes come from the same NOTIFY
 * the gateways relay to terminals (the engine is the one process, so each message is sent once);
 * fired price alerts are handed over by the engine's own watch (`priceAlertFired`), so none is lost
 * while this listener reconnects. Telegram being slow, down or refusing never touches trading:
 * failures are logged.
 */
export class TelegramNotifier {
  private listener: NotificationListener | null = null;
  private readonly settings = new Map<string, { value: NotificationSettings; expiresAt: number }>();
  private readonly chats = new Map<string, ChatQueue>();
  private stopped = false;

  constructor(
    private readonly deps: {
      botToken: string;
      apiUrl: string;
      databaseUrl: string;
      store: NotificationSettingsStore;
      /** How a price alert's message names its instrument ("NIFTY 30 DEC 26000 CE"). */
      instrumentName(instrumentId: string): string;
      logger: Logger;
    },
  ) {}

  start(): void {
    this.listener = listenForNotifications({
      url: this.deps.databaseUrl,
      channels: [SIGNAL_UPDATE_CHANNEL],
      onNotification: (_channel, payload) => void this.onUpdate(payload),
      onError: (error) => this.deps.logger.warn({ err: error }, 'telegram notifier lost its database connection; reconnecting'),
    });
  }

  async close(): Promise<void> {
    this.stopped = true;
    await this.listener?.close();
  }

  private async onUpdate(payload: string): Promise<void> {
    let parsed;
    try {
      parsed = UpdateSchema.safeParse(JSON.parse(payload));
    } catch {
      return;
    }
    if (!parsed.success) return;
    const { userId, ...update } = parsed.data;
    try {
      const settings = await this.settingsOf(userId);
      if (settings.telegramChatId === null || !settings.notifyStatuses.includes(update.status as never)) return;
      this.enqueue(settings.telegramChatId, signalNotificationText(update));
    } catch (error) {
      this.deps.logger.warn({ err: error, userId }, 'notification settings could not be read');
    }
  }

  /** A price alert the engine's watch just fired (committed): to the owner's chat, when they set one. */
  priceAlertFired(alert: PriceAlert): void {
    void this.onPriceAlert(alert);
  }

  private async onPriceAlert(alert: PriceAlert): Promise<void> {
    try {
      const settings = await this.settingsOf(alert.userId);
      if (settings.telegramChatId === null) return;
      this.enqueue(settings.telegramChatId, priceAlertTriggeredText(alert, this.deps.instrumentName(alert.instrumentId)));
    } catch (error) {
      this.deps.logger.warn({ err: error, userId: alert.userId }, 'notification settings could not be read');
    }
  }

  private async settingsOf(userId: string): Promise<NotificationSettings> {
    const cached = this.settings.get(userId);
    if (cached && cached.expiresAt > Date.now()) return cached.value;
    const value = await this.deps.store.get(userId);
    this.settings.set(userId, { value, expiresAt: Date.now() + SETTINGS_TTL_MS });
    return value;
  }

  private enqueue(chatId: string, text: string): void {
    const queue = this.chats.get(chatId) ?? { texts: [], dropped: 0, running: false };
    this.chats.set(chatId, queue);
    if (queue.texts.length >= MAX_QUEUED_PER_CHAT) queue.dropped += 1;
    else queue.texts.push(text);
    if (!queue.running) void this.drain(chatId, queue);
  }

  private async drain(chatId: string, queue: ChatQueue): Promise<void> {
    queue.running = true;
    while (!this.stopped && queue.texts.length > 0) {
      let text = queue.texts.shift()!;
      if (queue.texts.length === 0 && queue.dropped > 0) {
        text += `\n…and ${queue.dropped} more; see the terminal.`;
        queue.dropped = 0;
      }
      await this.send(chatId, text);
      await delay(PER_CHAT_SPACING_MS);
    }
    queue.running = false;
    if (queue.texts.length === 0) this.chats.delete(chatId);
  }

  private async send(chatId: string, text: string, retried = false): Promise<void> {
    try {
      const response = await fetch(`${this.deps.apiUrl.replace(/\/$/, '')}/bot${this.deps.botToken}/sendMessage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ chat_id: chatId, text, disable_web_page_preview: true }),
        signal: AbortSignal.timeout(5_000),
      });
      if (response.ok) return;
      const body = (await response.json().catch(() => ({}))) as { description?: string; parameters?: { retry_after?: number } };
      const retryAfter = body.parameters?.retry_after;
      if (response.status === 429 && retryAfter !== undefined && !retried && retryAfter <= 30) {
        await delay(retryAfter * 1_000);
        return this.send(chatId, text, true);
      }
      // The token is part of the URL: never log the URL, only what Telegram said.
      this.deps.logger.warn({ status: response.status, description: body.description, chatId }, 'telegram refused a notification');
    } catch (error) {
      this.deps.logger.warn({ err: (error as Error).message, chatId }, 'telegram notification failed');
    }
  }
}
