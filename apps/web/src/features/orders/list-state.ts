/**
 * What a list screen (orders, positions, books) shows for its query: loading, the list, or — when it
 * could not be read at all — only the error. Never the list's empty state then: "No positions" over
 * a failed read tells a trader holding positions that they are flat. A failed refetch keeps the
 * list it had (shown, with the error above it).
 */
export type ListState = 'loading' | 'unavailable' | 'list';

export function listState(query: { isPending: boolean; data: unknown }): ListState {
  if (query.data !== undefined) return 'list';
  return query.isPending ? 'loading' : 'unavailable';
}
