import { NotificationSettingsSchema, type NotificationSettings } from '@strikedesk/domain';

export type NotifiedStatus = NotificationSettings['notifyStatuses'][number];

/** The outcomes a trader can have sent, in the order the form lists them (and saves them): trouble first. */
export const NOTIFIED_OUTCOMES: readonly { status: NotifiedStatus; label: string }[] = [
  { status: 'REJECTED', label: 'Rejected' },
  { status: 'FAILED', label: 'Failed' },
  { status: 'EXECUTED', label: 'Executed' },
  { status: 'NO_ACTION', label: 'No action needed' },
];

/** The settings as the form edits them: the chat id as typed, the ticked outcomes. */
export type NotificationFormValues = { chatId: string; statuses: ReadonlySet<NotifiedStatus> };

export type NotificationFormResult = { ok: true; value: NotificationSettings } | { ok: false; problem: string };

export const toNotificationForm = (settings: NotificationSettings): NotificationFormValues => ({
  chatId: settings.telegramChatId ?? '',
  statuses: new Set(settings.notifyStatuses),
});

/** The settings the form describes (an empty chat id turns Telegram off), or why not; the domain schema has the last word. */
export function buildNotificationSettings(form: NotificationFormValues): NotificationFormResult {
  const chatId = form.chatId.trim();
  const parsed = NotificationSettingsSchema.safeParse({
    telegramChatId: chatId === '' ? null : chatId,
    notifyStatuses: NOTIFIED_OUTCOMES.map(({ status }) => status).filter((status) => form.statuses.has(status)),
  });
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problem: parsed.error.issues.map((issue) => issue.message).join(' ') };
}
