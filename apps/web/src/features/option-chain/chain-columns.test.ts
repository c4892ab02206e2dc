import { describe, expect, it } from 'vitest';
import { asInstrumentId, paise, type ChainOption } from '@strikedesk/domain';
import { CALL_COLUMNS } from './chain-columns.ts';

const option = (openInterestChange: number | null): ChainOption => ({
  instrumentId: asInstrumentId('NFO:NIFTY26D1524000CE'),
  bid: paise(15_000),
  ask: paise(15_100),
  lastPrice: paise(15_050),
  change: -250,
  volume: 1_000,
  openInterest: 50_000,
  openInterestChange,
  iv: 0.1312,
  delta: 0.52,
  gamma: 0.0004,
  theta: -12.3,
  vega: 9.8,
});

const oiChange = CALL_COLUMNS.find((column) => column.id === 'oi-chg');

describe('the OI change column', () => {
  it('shows a dash, not 0, when the market data cannot say what OI was at the previous close', () => {
    if (!oiChange) throw new Error('no OI change column');
    expect(oiChange.format(option(null))).toBe('—');
    expect(oiChange.value(option(null))).toBeNull();
  });

  it('signs a known change', () => {
    if (!oiChange) throw new Error('no OI change column');
    expect(oiChange.format(option(1_500))).toMatch(/^\+1,500$/);
    expect(oiChange.format(option(-300))).toMatch(/^-300$|^−300$/);
    expect(oiChange.format(option(0))).toBe('0');
  });
});
