import { DomainError } from '../errors.ts';
import { rupeesLabel, type Paise } from '../money.ts';
import type { ChainOption, ChainRow, OptionChain } from '../option-chain.ts';
import { atmStrikeIndex } from '../option-chain-stats.ts';
import type { StrikeSelector } from './portfolio-definition.ts';
import { describeStrikeWish, strikeText, type OptionLegKind } from './strike-wish.ts';

/** The chain row a leg's selector chose and the option of the leg's right on it. */
export type SelectedStrike = { row: ChainRow; option: ChainOption };

/**
 * Picks a leg's strike from a chain (rows ascending by strike, as the engine publishes them).
 *
 * - ATM_OFFSET: `steps` rows from the chain's ATM row (+ = higher strike).
 * - PREMIUM_CLOSEST / DELTA_CLOSEST: the option whose last price / |delta| is closest to the wish;
 *   options that have not traded (last price 0) or have no delta are skipped. Ties go to the
 *   further out-of-the-money strike (cheaper, and the usual intent of a hedge or a short).
 * - OTM_PERCENT: the listed strike nearest spot × (1 ± percent/100) (+ for CE, − for PE); ties go
 *   further out of the money.
 * - EXACT: that strike, which must be listed.
 *
 * A wish beyond what the chain window covers (an offset past its last row, a premium or delta
 * outside the range its options span, a percentage landing beyond its outermost strike) is an
 * error rather than the edge row: the strike the trader meant may well be listed outside the
 * window, and silently trading another one is worse than asking for a wider chain.
 * Throws DomainError PORTFOLIO_STRIKE_NOT_LISTED with the wish and the reason.
 */
export function selectStrike(selector: StrikeSelector, kind: OptionLegKind, chain: OptionChain): SelectedStrike {
  const outcome = pick(selector, kind, chain);
  if (typeof outcome !== 'string') return outcome;
  const wish = describeStrikeWish(selector, kind);
  throw new DomainError('PORTFOLIO_STRIKE_NOT_LISTED', `No strike for ${wish} in the ${chain.underlying} ${chain.expiry} chain: ${outcome}.`, {
    wish,
    selector,
    kind,
    expiry: chain.expiry,
  });
}

type Outcome = SelectedStrike | string;

const optionOf = (row: ChainRow, kind: OptionLegKind): ChainOption | null => (kind === 'CE' ? row.call : row.put);

function pick(selector: StrikeSelector, kind: OptionLegKind, chain: OptionChain): Outcome {
  switch (selector.mode) {
    case 'ATM_OFFSET':
      return byAtmOffset(selector.steps, kind, chain);
    case 'PREMIUM_CLOSEST':
      return closestBy(chain, kind, selector.premium, (option) => (option.lastPrice > 0 ? option.lastPrice : null), (value) => rupeesLabel(value as Paise), 'premiums');
    case 'DELTA_CLOSEST':
      return closestBy(chain, kind, selector.delta, (option) => (option.delta === null ? null : Math.abs(option.delta)), (value) => value.toFixed(2), 'deltas');
    case 'OTM_PERCENT':
      return byOtmPercent(selector.percent, kind, chain);
    case 'EXACT':
      return byExactStrike(selector.strike, kind, chain);
  }
}

function byAtmOffset(steps: number, kind: OptionLegKind, chain: OptionChain): Outcome {
  const { rows } = chain;
  if (rows.length === 0) return 'the chain lists no strikes';
  let atmIndex = rows.findIndex((row) => row.strike === chain.atmStrike);
  if (atmIndex < 0) atmIndex = atmStrikeIndex(rows.map((row) => row.strike), chain.atmStrike);
  const row = rows[atmIndex + steps];
  if (!row) {
    const available = steps > 0 ? rows.length - 1 - atmIndex : atmIndex;
    return `the chain lists ${available} strike${available === 1 ? '' : 's'} ${steps > 0 ? 'above' : 'below'} ATM ${strikeText(chain.atmStrike)}`;
  }
  return withOption(row, kind);
}

function byExactStrike(strike: Paise, kind: OptionLegKind, chain: OptionChain): Outcome {
  const row = chain.rows.find((candidate) => candidate.strike === strike);
  if (!row) return `${strikeText(strike)} is not among its strikes`;
  return withOption(row, kind);
}

function withOption(row: ChainRow, kind: OptionLegKind): Outcome {
  const option = optionOf(row, kind);
  return option ? { row, option } : `the ${strikeText(row.strike)} ${kind} is not listed`;
}

/**
 * The option whose value (premium or |delta|) is closest to `wish`. Rows are ascending, so on a
 * tie a CE keeps the later (higher, further OTM) row and a PE the earlier (lower) one.
 */
function closestBy(
  chain: OptionChain,
  kind: OptionLegKind,
  wish: number,
  valueOf: (option: ChainOption) => number | null,
  format: (value: number) => string,
  what: string,
): Outcome {
  let best: SelectedStrike | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  let lowest = Number.POSITIVE_INFINITY;
  let highest = Number.NEGATIVE_INFINITY;
  for (const row of chain.rows) {
    const option = optionOf(row, kind);
    if (!option) continue;
    const value = valueOf(option);
    if (value === null) continue;
    lowest = Math.min(lowest, value);
    highest = Math.max(highest, value);
    const distance = Math.abs(value - wish);
    if (distance < bestDistance || (distance === bestDistance && kind === 'CE')) {
      best = { row, option };
      bestDistance = distance;
    }
  }
  if (!best) return `no ${kind} in it has ${what === 'premiums' ? 'traded' : 'a delta'}`;
  if (wish < lowest || wish > highest) return `its ${kind} ${what} run from ${format(lowest)} to ${format(highest)}; show more strikes`;
  return best;
}

function byOtmPercent(percent: number, kind: OptionLegKind, chain: OptionChain): Outcome {
  const target = chain.spot * (kind === 'CE' ? 1 + percent / 100 : 1 - percent / 100);
  const listed = chain.rows.filter((row) => optionOf(row, kind) !== null);
  const first = listed[0];
  const last = listed[listed.length - 1];
  if (!first || !last) return `it lists no ${kind}`;
  // Within half a strike step of the outermost strikes the nearest listed strike is the answer;
  // further out it is a strike the window does not show.
  const lowSlack = ((listed[1]?.strike ?? first.strike) - first.strike) / 2;
  const highSlack = (last.strike - (listed[listed.length - 2]?.strike ?? last.strike)) / 2;
  if (target < first.strike - lowSlack || target > last.strike + highSlack) {
    return `the target ${strikeText(Math.round(target))} lies outside its strikes ${strikeText(first.strike)}–${strikeText(last.strike)}; show more strikes`;
  }
  let best = first;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const row of listed) {
    const distance = Math.abs(row.strike - target);
    if (distance < bestDistance || (distance === bestDistance && kind === 'CE')) {
      best = row;
      bestDistance = distance;
    }
  }
  return withOption(best, kind);
}
