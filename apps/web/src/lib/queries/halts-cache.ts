import { isHaltActive, type TradingHalt } from '@strikedesk/domain';

/**
 * The halts a terminal knows of: the active ones (the banner) plus those it saw released. A release
 * is final, so a released halt is never brought back by an older copy — a `halts.active` answer
 * fetched before the release, or a push resent after an engine restart.
 */
export type KnownHalts = readonly TradingHalt[];

/** A `halt` push or a mutation's answer: the newest version of one halt, unless it would revive a released one. */
export function applyHaltChange(known: KnownHalts, halt: TradingHalt): TradingHalt[] {
  const existing = known.find((candidate) => candidate.id === halt.id);
  if (existing && !isHaltActive(existing) && isHaltActive(halt)) return [...known];
  return [...known.filter((candidate) => candidate.id !== halt.id), halt];
}

/**
 * A fresh `halts.active` answer: it is the whole truth about what is active now (a halt we thought
 * active that is missing was released meanwhile), except that releases already seen stay released,
 * and halts pushed while the request was on its way (`pushedMeanwhile`) keep their pushed version:
 * the answer may predate them.
 */
export function applyActiveHalts(known: KnownHalts, active: readonly TradingHalt[], pushedMeanwhile: ReadonlySet<number> = new Set()): TradingHalt[] {
  const kept = known.filter((halt) => !isHaltActive(halt) || pushedMeanwhile.has(halt.id));
  const keptIds = new Set(kept.map((halt) => halt.id));
  return [...active.filter((halt) => !keptIds.has(halt.id)), ...kept];
}

/** Active halts, oldest first (the order they were engaged in). */
export const activeHaltsOf = (known: KnownHalts): TradingHalt[] =>
  known.filter(isHaltActive).sort((a, b) => a.engagedAt - b.engagedAt || a.id - b.id);
