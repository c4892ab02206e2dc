import { describe, expect, it } from 'vitest';
import { DEFAULT_NOTIFICATION_SETTINGS, type NotificationSettings } from '@strikedesk/domain';
import { buildNotificationSettings, toNotificationForm } from './notification-form.ts';

describe('notification form', () => {
  it('round-trips saved settings unchanged', () => {
    const saved: NotificationSettings = { telegramChatId: '-1001234567', notifyStatuses: ['REJECTED', 'FAILED', 'EXECUTED'] };
    expect(buildNotificationSettings(toNotificationForm(saved))).toEqual({ ok: true, value: saved });
    expect(buildNotificationSettings(toNotificationForm(DEFAULT_NOTIFICATION_SETTINGS))).toEqual({ ok: true, value: DEFAULT_NOTIFICATION_SETTINGS });
  });

  it('reads an empty chat id as no Telegram, and trims a typed one', () => {
    expect(buildNotificationSettings({ chatId: '   ', statuses: new Set() })).toEqual({ ok: true, value: { telegramChatId: null, notifyStatuses: [] } });
    expect(buildNotificationSettings({ chatId: ' @strikedesk_alerts ', statuses: new Set() })).toMatchObject({ ok: true, value: { telegramChatId: '@strikedesk_alerts' } });
  });

  it('saves the ticked outcomes in the order the form lists them, whatever order they were ticked in', () => {
    const built = buildNotificationSettings({ chatId: '123456789', statuses: new Set(['NO_ACTION', 'EXECUTED', 'REJECTED'] as const) });
    expect(built.ok && built.value.notifyStatuses).toEqual(['REJECTED', 'EXECUTED', 'NO_ACTION']);
  });

  it('refuses a chat id Telegram would not know, saying what one looks like', () => {
    const built = buildNotificationSettings({ chatId: 'my chat', statuses: new Set(['REJECTED'] as const) });
    expect(built.ok).toBe(false);
    expect(!built.ok && built.problem).toContain('chat id');
  });
});
