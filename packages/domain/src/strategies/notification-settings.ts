import { z } from 'zod';
import { SignalStatusSchema } from './signal.ts';

/** Telegram chat ids are integers (negative for groups), or @channelname for public channels. */
const TelegramChatIdSchema = z.string().trim().regex(/^(-?\d{1,20}|@[A-Za-z0-9_]{5,32})$/, 'chat id: a number such as 123456789, or @channelname');

export const NotificationSettingsSchema = z.object({
  /** null: no Telegram messages. */
  telegramChatId: TelegramChatIdSchema.nullable(),
  /** Which signal outcomes are sent (rejections and failures by default). */
  notifyStatuses: z.array(SignalStatusSchema.exclude(['ACCEPTED', 'PROCESSING'])).max(4),
});
export type NotificationSettings = z.infer<typeof NotificationSettingsSchema>;

export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = { telegramChatId: null, notifyStatuses: ['REJECTED', 'FAILED'] };

/** The text a trader reads on their phone for one signal outcome. */
export function signalNotificationText(update: { strategyName: string; signalId: string; status: string; reasonCode: string | null; reasonMessage: string | null }): string {
  const outcome = update.status === 'EXECUTED' ? 'executed' : update.status === 'NO_ACTION' ? 'needed no order' : update.status.toLowerCase();
  const reason = update.reasonMessage ? `: ${update.reasonMessage}` : '';
  return `Strikedesk — signal #${update.signalId} of "${update.strategyName}" ${outcome}${reason}${update.reasonCode ? ` (${update.reasonCode})` : ''}`;
}
