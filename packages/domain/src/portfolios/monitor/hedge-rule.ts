import type { Side } from '../../order.ts';

/**
 * Dynamic delta hedge. When |net delta| leaves the band, trade whole lots of the hedge instrument
 * to bring delta as close to zero as possible, never ending beyond the band on the other side: such
 * a hedge would be undone by the next evaluation (ping-pong until maxHedges). One lot too big for
 * that means no trade. Deltas are model values in units of the underlying (floats, not money).
 * FUTURE: sell futures against positive delta, buy against negative. OPTION: buy an ATM put against
 * positive delta, an ATM call against negative (a long option hedge caps its own risk).
 */

export interface HedgeInput {
  netDelta: number;
  band: number;
  lotSize: number;
  /** |delta| per unit of the hedge instrument: 1 for a future, the ATM option's |delta| for options. */
  deltaPerUnit: number;
  instrument: 'FUTURE' | 'OPTION';
  hedgesSoFar: number;
  maxHedges: number;
}

export interface HedgeDecision {
  side: Side;
  /** The option to buy; null for a future. */
  right: 'CE' | 'PE' | null;
  lots: number;
  expectedDeltaAfter: number;
  message: string;
}

const signed = (value: number): string => `${value > 0 ? '+' : value < 0 ? '−' : ''}${Math.abs(value).toFixed(2).replace(/\.?0+$/, '')}`;

export function hedgeDecision(input: HedgeInput): HedgeDecision | null {
  const { netDelta, band, instrument } = input;
  if (input.hedgesSoFar >= input.maxHedges) return null;
  const deltaPerLot = input.lotSize * input.deltaPerUnit;
  // No usable model figures (a missing delta, a NaN from a quiet chain): no hedge rather than a guess.
  if (!Number.isFinite(netDelta) || !(deltaPerLot > 0) || !Number.isFinite(deltaPerLot)) return null;
  if (Math.abs(netDelta) <= band) return null;

  const ideal = Math.abs(netDelta) / deltaPerLot;
  const remainderAfter = (lots: number): number => Math.sign(netDelta) * (Math.abs(netDelta) - lots * deltaPerLot);
  // Fewer lots first, so an equal remainder goes to the cheaper trade.
  const choices = [...new Set([Math.max(1, Math.floor(ideal)), Math.max(1, Math.ceil(ideal))])]
    .map((lots) => ({ lots, after: remainderAfter(lots) }))
    .filter(({ after }) => Math.sign(after) === Math.sign(netDelta) || Math.abs(after) <= band);
  const best = choices.reduce<(typeof choices)[number] | null>(
    (kept, choice) => (kept === null || Math.abs(choice.after) < Math.abs(kept.after) ? choice : kept),
    null,
  );
  if (best === null) return null;

  const long = netDelta > 0;
  const side: Side = instrument === 'OPTION' ? 'BUY' : long ? 'SELL' : 'BUY';
  const right = instrument === 'OPTION' ? (long ? 'PE' : 'CE') : null;
  const what = instrument === 'OPTION' ? `ATM ${right}` : 'the future';
  const lotWord = best.lots === 1 ? 'lot' : 'lots';
  const trade = `${side === 'BUY' ? 'buy' : 'sell'} ${best.lots} ${lotWord} of ${what}`;
  const message = `Net delta ${signed(netDelta)} is outside ±${band}: ${trade}, delta ${signed(best.after)} expected.`;
  return { side, right, lots: best.lots, expectedDeltaAfter: best.after, message };
}
