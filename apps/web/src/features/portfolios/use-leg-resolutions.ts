'use client';

import { useMemo } from 'react';
import type { EnteredLeg, OptionChain, ResolvedLeg } from '@strikedesk/domain';
import { errorMessage } from '@/lib/api/api-error.ts';
import { allResolved, pinEnteredLegs, resolveEachLeg, type LegResolution } from './leg-resolution.ts';
import { resolvableLegsOf, type PortfolioFormValues } from './portfolio-form.ts';
import { useLegMarket } from './use-leg-market.ts';

export type LegResolutions = {
  /** One per leg of the form, in its order. */
  resolutions: LegResolution[];
  /** Every leg's instrument, when all resolved (what the payoff draws). */
  legs: ResolvedLeg[] | null;
  chains: OptionChain[];
  /** Why there is no payoff yet, in a trader's words. */
  waiting: string;
};

/**
 * The form's legs against the live chains, recomputed when a leg, a setting they read or a price
 * changes. `entered`: the legs the portfolio holds now (they show, and pay off, as entered).
 */
export function useLegResolutions(form: PortfolioFormValues, entered: readonly EnteredLeg[]): LegResolutions {
  const resolvable = resolvableLegsOf(form);
  // Typing the name or an exit rebuilds the form: resolve again only when what resolving reads changed.
  const key = JSON.stringify(resolvable);
  const stable = useMemo(() => resolvable, [key]);
  const legIds = form.legs.map((leg) => leg.id).join(',');
  const { market, chains, error, loading } = useLegMarket(stable);
  const resolutions = useMemo(
    () => pinEnteredLegs(resolveEachLeg(stable, legIds.split(','), market), entered, chains),
    [stable, legIds, market, entered, chains],
  );
  const legs = useMemo(() => allResolved(resolutions), [resolutions]);
  const waiting =
    form.legs.length === 0
      ? 'Add legs (or pick a template) to see the payoff.'
      : error
        ? `The option chain could not be loaded: ${errorMessage(error)}`
        : loading
          ? 'Loading the option chains…'
          : resolutions.every((resolution) => resolution.resolved !== null)
            ? 'Every leg is closed: there is no open position to draw.'
            : 'Every leg must resolve to an instrument before the payoff can be drawn: see the legs table.';
  return { resolutions, legs, chains, waiting };
}
