'use client';

import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { NotificationSettings } from '@strikedesk/domain';
import { Button, CheckboxField, TextField, useToast } from '@strikedesk/ui';
import { useAuth } from '@/lib/auth/auth-context.tsx';
import { errorMessage } from '@/lib/api/api-error.ts';
import { queryKeys } from '@/lib/queries/query-keys.ts';
import { buildNotificationSettings, NOTIFIED_OUTCOMES, toNotificationForm, type NotificationFormValues, type NotifiedStatus } from './notification-form.ts';
import layout from '../shell/layout.module.css';
import styles from './settings.module.css';

const CHAT_ID_HELP =
  "Open a chat with this installation's Telegram bot, send it a message, and enter your chat id (e.g. from @userinfobot). Your admin sets the bot up.";

/** Edits the saved settings; the form starts from them and shows what the server stored after a save. */
export function NotificationsForm({ saved }: { saved: NotificationSettings }) {
  const { api } = useAuth();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [form, setForm] = useState<NotificationFormValues>(() => toNotificationForm(saved));
  const [problem, setProblem] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (input: NotificationSettings) => api.notifications.set(input),
    onSuccess: (stored) => {
      queryClient.setQueryData(queryKeys.notificationSettings, stored);
      setForm(toNotificationForm(stored));
      toast.show({ kind: 'success', message: stored.telegramChatId === null ? 'Saved: no Telegram messages will be sent.' : 'Notification settings saved.' });
    },
    onError: (error) => setProblem(errorMessage(error)),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const built = buildNotificationSettings(form);
    if (!built.ok) {
      setProblem(built.problem);
      return;
    }
    setProblem(null);
    save.mutate(built.value);
  };

  const tick = (status: NotifiedStatus, checked: boolean) =>
    setForm((current) => {
      const statuses = new Set(current.statuses);
      if (checked) statuses.add(status);
      else statuses.delete(status);
      return { ...current, statuses };
    });

  return (
    <form className={layout.stack} onSubmit={submit} aria-label="Notification settings" noValidate>
      <TextField
        label="Telegram chat id"
        placeholder="Empty: no Telegram messages"
        autoComplete="off"
        spellCheck={false}
        value={form.chatId}
        onValueChange={(chatId) => setForm((current) => ({ ...current, chatId }))}
        hint={CHAT_ID_HELP}
        data-testid="notifications-chat-id"
      />
      <fieldset className={styles.choices}>
        <legend className={styles.legend}>Signal outcomes to send</legend>
        {NOTIFIED_OUTCOMES.map(({ status, label }) => (
          <CheckboxField
            key={status}
            label={label}
            checked={form.statuses.has(status)}
            onCheckedChange={(checked) => tick(status, checked)}
            data-testid={`notifications-status-${status}`}
          />
        ))}
      </fieldset>
      {problem ? (
        <p className={layout.error} role="alert" data-testid="notifications-error">
          {problem}
        </p>
      ) : null}
      <Button type="submit" variant="primary" disabled={save.isPending} data-testid="notifications-save">
        {save.isPending ? 'Saving…' : 'Save'}
      </Button>
    </form>
  );
}
