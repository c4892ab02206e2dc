import { describe, expect, it } from 'vitest';
import { listState } from './list-state.ts';

// react-query v5: a first read that failed is status 'error' (isPending false) with no data.
describe('list state', () => {
  it('shows the list (empty state included) only when it was read', () => {
    expect(listState({ isPending: false, data: [] })).toBe('list');
    expect(listState({ isPending: false, data: [{}] })).toBe('list');
  });

  it('does not show "no positions / no orders" when the first read failed', () => {
    expect(listState({ isPending: false, data: undefined })).toBe('unavailable');
  });

  it('loads before the first answer', () => {
    expect(listState({ isPending: true, data: undefined })).toBe('loading');
  });
});
