'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useToast } from '@strikedesk/ui';
import { useAuth } from '@/lib/auth/auth-context.tsx';
import { errorMessage } from '@/lib/api/api-error.ts';
import type { UpdateStrategySettingsInput } from '@/lib/api/gateway-api.ts';
import { rememberStrategy } from './strategy-cache.ts';

/** Changes a setting (enabled, mode, passphrase, name); a refusal is a toast, the row keeps its old value. */
export function useStrategySettings() {
  const { api } = useAuth();
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: (input: UpdateStrategySettingsInput) => api.strategies.updateSettings(input),
    onSuccess: (strategy) => rememberStrategy(queryClient, strategy),
    onError: (error) => toast.show({ kind: 'error', message: `The strategy was not changed: ${errorMessage(error)}` }),
  });
}
