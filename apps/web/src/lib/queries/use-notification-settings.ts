'use client';

import { useQuery } from '@tanstack/react-query';
import { useAuth } from '../auth/auth-context.tsx';
import { queryKeys } from './query-keys.ts';

/** Where the user's own signal outcomes go besides the terminal: their Telegram chat, and which outcomes. */
export function useNotificationSettings() {
  const { api } = useAuth();
  return useQuery({ queryKey: queryKeys.notificationSettings, queryFn: () => api.notifications.get() });
}
