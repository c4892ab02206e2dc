'use client';

import { useState, type ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ToastProvider } from '@strikedesk/ui';
import { AuthProvider } from '@/lib/auth/auth-context.tsx';
import { errorCodeOf } from '@/lib/api/api-error.ts';

/** Errors that retrying cannot fix (the user's own request or rights). */
const NOT_RETRYABLE = new Set(['UNAUTHENTICATED', 'SESSION_EXPIRED', 'SESSION_REVOKED', 'FORBIDDEN_ROLE', 'VIEWER_CANNOT_TRADE', 'VALIDATION_FAILED']);

function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failureCount, error) => failureCount < 2 && !NOT_RETRYABLE.has(errorCodeOf(error) ?? ''),
        staleTime: 2_000,
      },
      mutations: { retry: false },
    },
  });
}

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <ToastProvider>
        <AuthProvider>{children}</AuthProvider>
      </ToastProvider>
    </QueryClientProvider>
  );
}
