import { describe, expect, it } from 'vitest';
import { tabForKey } from './tab-keys.ts';

describe('tabForKey', () => {
  const tabs = ['orders', 'trades'] as const;

  it('moves between tabs with the arrows, wrapping at either end', () => {
    expect(tabForKey(tabs, 'orders', 'ArrowRight')).toBe('trades');
    expect(tabForKey(tabs, 'trades', 'ArrowRight')).toBe('orders');
    expect(tabForKey(tabs, 'trades', 'ArrowLeft')).toBe('orders');
    expect(tabForKey(tabs, 'orders', 'ArrowLeft')).toBe('trades');
  });

  it('goes to the first and last tab with Home and End, and leaves other keys alone', () => {
    expect(tabForKey(tabs, 'trades', 'Home')).toBe('orders');
    expect(tabForKey(tabs, 'orders', 'End')).toBe('trades');
    expect(tabForKey(tabs, 'orders', 'Enter')).toBeNull();
    expect(tabForKey(tabs, 'orders', 'Tab')).toBeNull();
  });
});
