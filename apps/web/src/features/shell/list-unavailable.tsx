'use client';

import { Button } from '@strikedesk/ui';

/**
 * What a list screen shows when its list could not be read at all (listState 'unavailable'): the
 * sentence, and Retry — never the list's empty state, which would tell a trader something false.
 */
export function ListUnavailable({ query, testId, children }: { query: { refetch: () => unknown; isFetching: boolean }; testId: string; children: string }) {
  return (
    <p data-testid={testId}>
      {children}{' '}
      <Button size="small" onClick={() => void query.refetch()} disabled={query.isFetching}>
        Retry
      </Button>
    </p>
  );
}
