import type { EntryRule } from '@strikedesk/domain';
import { resolvedLegName, type LegResolution } from './leg-resolution.ts';

/**
 * What a leg would trade if the portfolio entered now, as the start dialog lists it after the leg:
 * " → NIFTY 08 DEC 26050 CE", " → no instrument now: No strike for CE ATM+40", or nothing while
 * the chain loads. The domain's message names the leg ("Leg L1: …"); the line already does.
 */
export function legPreviewText(underlying: string, legId: string, resolution: LegResolution | undefined): string {
  if (!resolution) return '';
  if (resolution.resolved) return ` → ${resolvedLegName(underlying, resolution.resolved)}`;
  return ` → no instrument now: ${resolution.error.replace(`Leg ${legId}: `, '')}`;
}

/**
 * The warning the start dialog shows when some leg has no instrument now. The engine resolves every
 * leg when the entry fires and fails the whole portfolio before any order if one cannot be: with
 * an immediate entry that is the moment Start is pressed.
 */
export function unresolvedLegsWarning(rule: Pick<EntryRule, 'kind'>, resolutions: readonly (LegResolution | undefined)[]): string | null {
  const missing = resolutions.filter((resolution) => resolution !== undefined && resolution.resolved === null).map((resolution) => resolution?.legId);
  if (missing.length === 0) return null;
  const which = `${missing.length === 1 ? 'Leg' : 'Legs'} ${missing.join(', ')} ${missing.length === 1 ? 'has' : 'have'} no instrument right now`;
  return rule.kind === 'IMMEDIATE'
    ? `${which}: an immediate entry would fail before any order. Fix the ${missing.length === 1 ? 'leg' : 'legs'} first.`
    : `${which}: unless the chain lists ${missing.length === 1 ? 'it' : 'them'} by the time the entry fires, the entry fails before any order.`;
}
