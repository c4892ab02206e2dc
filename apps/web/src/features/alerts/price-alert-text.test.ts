import { describe, expect, it } from 'vitest';
import { paise, type PriceAlert } from '@strikedesk/domain';
import { alertStatusText } from './price-alert-text.ts';

const base = { status: 'ACTIVE', triggeredAt: null, triggeredPrice: null } as PriceAlert;
const at = Date.UTC(2026, 11, 7, 4, 42, 31); // 10:12:31 IST

describe('a price alert status', () => {
  it('reads as a trader says it', () => {
    expect(alertStatusText(base)).toBe('Watching');
    expect(alertStatusText({ ...base, status: 'CANCELLED' })).toBe('Cancelled');
    expect(alertStatusText({ ...base, status: 'TRIGGERED', triggeredAt: at, triggeredPrice: paise(12_345) }, at)).toBe('Fired 10:12:31 at ₹123.45');
    expect(alertStatusText({ ...base, status: 'TRIGGERED', triggeredAt: at, triggeredPrice: paise(12_300) }, at + 3 * 86_400_000)).toBe('Fired 7 Dec 10:12:31 at ₹123');
  });
});
