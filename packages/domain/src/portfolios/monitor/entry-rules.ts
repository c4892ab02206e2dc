import { formatRupees, type Paise } from '../../money.ts';
import type { EntryCondition, EntryRule } from '../portfolio-definition.ts';
import { istMinuteOfDay, parseIstTime } from './ist-clock.ts';
import type { Breakout } from './range-breakout.ts';

/**
 * Whether an armed portfolio should enter now. The engine calls this only while the market is
 * open; the rule and every extra condition must hold at the same evaluation. `waitingFor` names
 * everything still missing (empty when due), so the trader sees why nothing happened yet.
 * AT_TIME compares the time of day only: armed after that time (or re-armed after a stop), it is due
 * at once.
 */

export interface EntryInput {
  rule: EntryRule;
  conditions: readonly EntryCondition[];
  now: number;
  /** Underlying's last price, paise; null when none has been seen (conditions then cannot hold). */
  underlying: Paise | null;
  /** From trackRange, for RANGE_BREAKOUT. */
  breakout: Breakout | null;
}

const BREAK_WORDS = { UP: 'an upward break', DOWN: 'a downward break', EITHER: 'a break either way' } as const;

/** The rule's own wait, or null when it is satisfied. */
function ruleWait(rule: EntryRule, now: number, breakout: Breakout | null): string | null {
  switch (rule.kind) {
    case 'IMMEDIATE':
      return null;
    case 'AT_TIME':
      return istMinuteOfDay(now) >= parseIstTime(rule.time) ? null : `${rule.time} IST`;
    case 'RANGE_BREAKOUT':
      return breakout !== null ? null : `${BREAK_WORDS[rule.direction]} of the ${rule.windowStart}–${rule.windowEnd} range`;
  }
}

/** A condition's wait, or null when it holds. Strict comparisons: "above 22,000" is not met at 22,000. */
function conditionWait(condition: EntryCondition, underlying: Paise | null): string | null {
  const above = condition.kind === 'UNDERLYING_ABOVE';
  const text = `the underlying ${above ? 'above' : 'below'} ${formatRupees(condition.level)}`;
  if (underlying === null) return `${text} (no underlying price yet)`;
  return (above ? underlying > condition.level : underlying < condition.level) ? null : text;
}

export function entryDue(input: EntryInput): { due: boolean; waitingFor: string } {
  const waits = [ruleWait(input.rule, input.now, input.breakout), ...input.conditions.map((condition) => conditionWait(condition, input.underlying))].filter(
    (wait): wait is string => wait !== null,
  );
  return waits.length === 0 ? { due: true, waitingFor: '' } : { due: false, waitingFor: `Waiting for ${waits.join(' and ')}.` };
}
