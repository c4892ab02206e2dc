import { applyTemplate } from '@strikedesk/domain';
import { newLeg, STRIKE_MODE_DEFAULTS, toLegForm, type LegFormValues } from './leg-form.ts';

/** Edits of the legs table as pure functions: each returns a new array (React state). */

export const addLeg = (legs: readonly LegFormValues[]): LegFormValues[] => [...legs, newLeg(legs)];

export const removeLeg = (legs: readonly LegFormValues[], index: number): LegFormValues[] => legs.filter((_, at) => at !== index);

/** Swaps a leg with its neighbour (`by` −1 up, +1 down); out of range, nothing moves. */
export function moveLeg(legs: readonly LegFormValues[], index: number, by: -1 | 1): LegFormValues[] {
  const target = index + by;
  const leg = legs[index];
  const other = legs[target];
  if (!leg || !other) return [...legs];
  const moved = [...legs];
  moved[index] = other;
  moved[target] = leg;
  return moved;
}

/** Changes one leg; a new strike mode starts from that mode's usual value (never a delta read as steps). */
export function updateLeg(legs: readonly LegFormValues[], index: number, change: Partial<LegFormValues>): LegFormValues[] {
  return legs.map((leg, at) => {
    if (at !== index) return leg;
    const modeChanged = change.strikeMode !== undefined && change.strikeMode !== leg.strikeMode;
    return { ...leg, ...change, ...(modeChanged && change.strikeValue === undefined ? { strikeValue: STRIKE_MODE_DEFAULTS[change.strikeMode ?? leg.strikeMode] } : {}) };
  });
}

/** A template's legs, replacing whatever the table held. */
export const templateLegs = (templateId: string): LegFormValues[] => applyTemplate(templateId).map(toLegForm);
