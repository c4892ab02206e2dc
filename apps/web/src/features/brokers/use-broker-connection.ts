'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { BrokerAccountId, BrokerLoginReturnPage } from '@strikedesk/domain';
import { useToast } from '@strikedesk/ui';
import { errorMessage } from '@/lib/api/api-error.ts';
import { useAuth } from '@/lib/auth/auth-context.tsx';
import { queryKeys } from '@/lib/queries/query-keys.ts';

/**
 * Connect (Zerodha: off to the broker's login page; the gateway's callback brings the browser back
 * to `returnTo` with the outcome), reconnect (XTS: the engine logs in with the stored keys) and
 * disconnect, for the Settings and Admin screens alike.
 */
export function useBrokerConnection(returnTo: BrokerLoginReturnPage) {
  const { api } = useAuth();
  const queryClient = useQueryClient();
  const toast = useToast();
  const connect = useMutation({
    mutationFn: (id: BrokerAccountId) => api.brokers.connectKite({ id, returnTo }),
    // A full navigation: the login page is the broker's, and it sends the browser back to us.
    onSuccess: ({ url }) => window.location.assign(url),
    onError: (error) => toast.show({ kind: 'error', message: errorMessage(error) }),
  });
  const refreshStatus = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.tradingAccounts }),
      queryClient.invalidateQueries({ queryKey: queryKeys.adminBrokerAccounts }),
    ]);
  const reconnect = useMutation({
    mutationFn: (id: BrokerAccountId) => api.brokers.reconnect(id),
    onSuccess: async () => {
      toast.show({ kind: 'info', message: 'Reconnecting: the status updates when the broker answers.' });
      await refreshStatus();
    },
    onError: (error) => toast.show({ kind: 'error', message: errorMessage(error) }),
  });
  const disconnect = useMutation({
    mutationFn: (id: BrokerAccountId) => api.brokers.disconnect(id),
    onSuccess: async () => {
      toast.show({ kind: 'success', message: 'Broker account disconnected.' });
      await refreshStatus();
    },
    onError: (error) => toast.show({ kind: 'error', message: errorMessage(error) }),
  });
  return { connect, reconnect, disconnect };
}
