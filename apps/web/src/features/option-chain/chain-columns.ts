import { formatRupees, paise, type ChainOption, type Paise } from '@strikedesk/domain';
import { formatInteger } from '@strikedesk/ui';
import { formatGreek, formatIv } from './chain-view.ts';

/** A price the trader can click to open the ticket (bid → SELL, ask and LTP → BUY). */
export type PriceAction = 'bid' | 'ask' | 'ltp';

export type ChainColumn = {
  /** Part of the cell test id: chain-call-{id}-{strike}. */
  id: string;
  label: string;
  /** Fixed width (px) so live updates never move the layout. */
  width: number;
  value: (option: ChainOption) => number | null;
  format: (option: ChainOption) => string;
  flash: boolean;
  greek: boolean;
  action?: PriceAction;
};

const money = (value: Paise | null): string => (value === null ? '—' : formatRupees(value));
/**
 * The last traded price, or null when the option has not traded: feeds send a last price of 0 then
 * (Kite for a contract without a trade), which is no price — not ₹0.00 to show or to buy at.
 */
export const tradedPrice = (option: ChainOption): Paise | null => (option.lastPrice > 0 ? option.lastPrice : null);
/** Change from the previous close (integer paise); meaningless without a trade to compare. */
const change = (option: ChainOption): number | null => (tradedPrice(option) === null ? null : option.change);
const signedMoney = (value: number | null): string => (value === null ? '—' : formatRupees(paise(value), { sign: true }));

/**
 * The limit price a click on a chain price opens the ticket at: the bid (to sell), the ask or the
 * last traded price (to buy); null when there is no such price, so no ticket opens at ₹0.
 */
export function clickedPrice(option: ChainOption, action: PriceAction): Paise | null {
  const price = action === 'bid' ? option.bid : action === 'ask' ? option.ask : tradedPrice(option);
  return price !== null && price > 0 ? price : null;
}
/** OI change: null when the market data cannot say what OI was at the previous close. */
const signedInteger = (value: number | null): string => (value === null ? '—' : value > 0 ? `+${formatInteger(value)}` : formatInteger(value));

/** The call side, outside in: OI … ask next to the strike. Puts are the mirror image. */
export const CALL_COLUMNS: readonly ChainColumn[] = [
  { id: 'oi', label: 'OI', width: 84, value: (o) => o.openInterest, format: (o) => formatInteger(o.openInterest), flash: false, greek: false },
  { id: 'oi-chg', label: 'OI chg', width: 78, value: (o) => o.openInterestChange, format: (o) => signedInteger(o.openInterestChange), flash: false, greek: false },
  { id: 'volume', label: 'Volume', width: 84, value: (o) => o.volume, format: (o) => formatInteger(o.volume), flash: false, greek: false },
  { id: 'iv', label: 'IV %', width: 60, value: (o) => o.iv, format: (o) => formatIv(o.iv), flash: false, greek: false },
  { id: 'delta', label: 'Delta', width: 62, value: (o) => o.delta, format: (o) => formatGreek(o.delta, 3), flash: false, greek: false },
  { id: 'gamma', label: 'Gamma', width: 74, value: (o) => o.gamma, format: (o) => formatGreek(o.gamma, 5), flash: false, greek: true },
  { id: 'theta', label: 'Theta ₹/d', width: 70, value: (o) => o.theta, format: (o) => formatGreek(o.theta, 2), flash: false, greek: true },
  { id: 'vega', label: 'Vega ₹', width: 62, value: (o) => o.vega, format: (o) => formatGreek(o.vega, 2), flash: false, greek: true },
  { id: 'ltp', label: 'LTP', width: 80, value: tradedPrice, format: (o) => money(tradedPrice(o)), flash: true, greek: false, action: 'ltp' },
  { id: 'chg', label: 'Chg', width: 72, value: change, format: (o) => signedMoney(change(o)), flash: false, greek: false },
  { id: 'bid', label: 'Bid', width: 76, value: (o) => o.bid, format: (o) => money(o.bid), flash: true, greek: false, action: 'bid' },
  { id: 'ask', label: 'Ask', width: 76, value: (o) => o.ask, format: (o) => money(o.ask), flash: true, greek: false, action: 'ask' },
];

export const PUT_COLUMNS: readonly ChainColumn[] = [...CALL_COLUMNS].reverse();

export const STRIKE_COLUMN_WIDTH = 92;

export const visibleColumns = (columns: readonly ChainColumn[], showGreeks: boolean): readonly ChainColumn[] =>
  showGreeks ? columns : columns.filter((column) => !column.greek);
