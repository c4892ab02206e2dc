import { paise, type Paise } from '../money.ts';
import type { Side } from '../order.ts';

/**
 * A marketable but bounded limit price: LTP moved `bufferBasisPoints` against us (up to buy, down
 * to sell) and rounded outward to the tick, in exact integer arithmetic.
 */
export function bufferedLimitPrice(lastPrice: Paise, side: Side, bufferBasisPoints: number, tickSize: Paise): Paise {
  if (!Number.isInteger(bufferBasisPoints) || bufferBasisPoints < 0 || bufferBasisPoints >= 10_000) throw new RangeError('buffer must be 0–9,999 basis points');
  const numerator = lastPrice * (side === 'BUY' ? 10_000 + bufferBasisPoints : 10_000 - bufferBasisPoints);
  const divisor = tickSize * 10_000;
  let ticks = Math.floor(numerator / divisor);
  const remainder = numerator - ticks * divisor;
  if (remainder < 0) ticks -= 1;
  else if (remainder >= divisor) ticks += 1;
  const exact = numerator - ticks * divisor === 0;
  if (side === 'BUY' && !exact) ticks += 1;
  return paise(Math.max(ticks, 1) * tickSize);
}
