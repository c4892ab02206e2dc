import { describe, expect, it } from 'vitest';
import { asInstrumentId, paise, type ChainOption } from '@strikedesk/domain';
import { CALL_COLUMNS, clickedPrice } from './chain-columns.ts';

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

describe('an option that has not traded (last price 0)', () => {
  // Kite sends last_price 0 for a contract without a trade: there is no LTP, and no change from the
  // previous close to show — a trader must not read ₹0.00, nor buy at it with one click.
  const untraded: ChainOption = { ...option(0), lastPrice: paise(0), change: 0, bid: null, ask: paise(500) };
  const column = (id: string) => {
    const found = CALL_COLUMNS.find((candidate) => candidate.id === id);
    if (!found) throw new Error(`no ${id} column`);
    return found;
  };

  it('shows a dash for LTP and change, not 0.00', () => {
    expect(column('ltp').format(untraded)).toBe('—');
    expect(column('ltp').value(untraded)).toBeNull();
    expect(column('chg').format({ ...untraded, change: -12_000 })).toBe('—');
    expect(column('ltp').format(option(0))).toBe('150.50');
    expect(column('chg').format(option(0))).toBe('-2.50');
  });

  it('opens no ticket from a price the option does not have', () => {
    expect(clickedPrice(untraded, 'ltp')).toBeNull();
    expect(clickedPrice(untraded, 'bid')).toBeNull();
    expect(clickedPrice(untraded, 'ask')).toBe(500);
    expect(clickedPrice(option(0), 'ltp')).toBe(15_050);
    expect(clickedPrice(option(0), 'bid')).toBe(15_000);
  });
});
