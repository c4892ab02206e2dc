import { DEFAULT_NOTIFICATION_SETTINGS, NotificationSettingsSchema, type NotificationSettings, type UserId } from '@strikedesk/domain';
import type pg from 'pg';

/** A trader's notification channel (table notification_settings, migration 0006). */
export type NotificationSettingsStore = {
  get(userId: UserId | string): Promise<NotificationSettings>;
  set(userId: UserId, settings: NotificationSettings): Promise<NotificationSettings>;
};

type Row = { telegram_chat_id: string | null; notify_statuses: string[] };
const toSettings = (row: Row): NotificationSettings => NotificationSettingsSchema.parse({ telegramChatId: row.telegram_chat_id, notifyStatuses: row.notify_statuses });

export function createNotificationSettingsStore(pool: pg.Pool): NotificationSettingsStore {
  return {
    async get(userId) {
      const result = await pool.query<Row>(`SELECT telegram_chat_id, notify_statuses FROM notification_settings WHERE user_id = $1`, [userId]);
      const row = result.rows[0];
      return row ? toSettings(row) : DEFAULT_NOTIFICATION_SETTINGS;
    },
    async set(userId, settings) {
      const result = await pool.query<Row>(
        `INSERT INTO notification_settings (user_id, telegram_chat_id, notify_statuses) VALUES ($1, $2, $3)
         ON CONFLICT (user_id) DO UPDATE SET telegram_chat_id = EXCLUDED.telegram_chat_id, notify_statuses = EXCLUDED.notify_statuses, updated_at = now()
         RETURNING telegram_chat_id, notify_statuses`,
        [userId, settings.telegramChatId, settings.notifyStatuses],
      );
      return toSettings(result.rows[0]!);
    },
  };
}
