import {
  DomainError,
  derivativeDisplayName,
  expiriesNeeded,
  resolveLegs,
  type ChainExpiry,
  type EnteredLeg,
  type LegMarket,
  type LegsToResolve,
  type OptionChain,
  type Paise,
  type PortfolioLeg,
  type ResolvedLeg,
} from '@strikedesk/domain';

/**
 * One leg of the builder against the live chains: the instrument it would trade, or why not. A leg
 * the portfolio holds is `entered`: its own instrument at its fill price (`resolved.price`), with
 * `lastPrice` the market now; a leg its own target or stop closed is `closed` (not in the payoff).
 */
export type LegResolution =
  | { legId: string; resolved: ResolvedLeg; error: null; lastPrice: Paise; entered: boolean; closed: boolean }
  | { legId: string; resolved: null; error: string };

export type ResolvableLegs = { settings: LegsToResolve['settings']; legs: readonly (PortfolioLeg | null)[] };

const messageOf = (error: unknown): string => (error instanceof DomainError ? error.message : 'This leg could not be priced.');

/**
 * The series whose chains the legs need. Leg by leg, so one leg asking for an expiry that is not
 * listed (its row says so) does not keep the others from loading.
 */
export function seriesNeeded(input: ResolvableLegs, expiries: readonly ChainExpiry[]): string[] {
  const needed = new Set<string>();
  for (const leg of input.legs) {
    if (!leg) continue;
    try {
      for (const entry of expiriesNeeded({ settings: input.settings, legs: [leg] }, expiries)) needed.add(entry.expiry);
    } catch {
      // Reported by resolveEachLeg on the leg's row.
    }
  }
  return expiries.map((entry) => entry.expiry).filter((expiry) => needed.has(expiry));
}

/**
 * Each leg resolved on its own, so the table shows every leg it can and a reason on the others;
 * a leg still being typed (null) says so. The payoff needs them all (`allResolved`).
 */
export function resolveEachLeg(input: ResolvableLegs, legIds: readonly string[], market: LegMarket): LegResolution[] {
  return input.legs.map((leg, index) => {
    const legId = legIds[index] ?? '';
    if (!leg) return { legId, resolved: null, error: 'Fix this leg’s fields to see its instrument.' };
    try {
      const [resolved] = resolveLegs({ settings: input.settings, legs: [leg] }, market);
      if (!resolved) return { legId, resolved: null, error: 'This leg could not be priced.' };
      return { legId, resolved, error: null, lastPrice: resolved.price, entered: false, closed: false };
    } catch (error) {
      return { legId, resolved: null, error: messageOf(error) };
    }
  });
}

/** Every open leg's instrument when all resolved, else null (a payoff of some legs would mislead). */
export function allResolved(resolutions: readonly LegResolution[]): ResolvedLeg[] | null {
  const legs: ResolvedLeg[] = [];
  for (const resolution of resolutions) {
    if (!resolution.resolved) return null;
    if (!resolution.closed) legs.push(resolution.resolved);
  }
  return legs.length > 0 ? legs : null;
}

type FoundOption = { chain: OptionChain; strike: Paise; kind: 'CE' | 'PE'; option: NonNullable<OptionChain['rows'][number]['call']> };

function findOption(chains: readonly OptionChain[], instrumentId: string): FoundOption | null {
  for (const chain of chains) {
    for (const row of chain.rows) {
      if (row.call?.instrumentId === instrumentId) return { chain, strike: row.strike, kind: 'CE', option: row.call };
      if (row.put?.instrumentId === instrumentId) return { chain, strike: row.strike, kind: 'PE', option: row.put };
    }
  }
  return null;
}

/**
 * A portfolio holding positions: its legs are what it entered, not what the selectors would pick
 * now (the market has moved since). Each entered leg becomes its own instrument at its fill, with
 * IV and delta from the chain; a leg outside the loaded chains (or a future) keeps today's
 * resolution with the fill price when it is the same instrument.
 */
export function pinEnteredLegs(resolutions: readonly LegResolution[], entered: readonly EnteredLeg[], chains: readonly OptionChain[]): LegResolution[] {
  return resolutions.map((resolution) => {
    const leg = entered.find((candidate) => candidate.legId === resolution.legId);
    if (!leg || leg.entryPrice === null) return resolution;
    const found = findOption(chains, leg.instrumentId);
    const base = { legId: leg.legId, side: leg.side, instrumentId: leg.instrumentId, quantity: leg.quantity, price: leg.entryPrice };
    if (found) {
      const { chain, strike, kind, option } = found;
      const resolved: ResolvedLeg = { ...base, kind, strike, expiry: chain.expiry, lotSize: chain.lotSize, iv: option.iv, delta: option.delta === null ? null : Math.abs(option.delta) };
      return { legId: resolution.legId, resolved, error: null, lastPrice: option.lastPrice, entered: true, closed: leg.closed };
    }
    const now = resolution.resolved;
    if (now?.instrumentId === leg.instrumentId) {
      return { legId: resolution.legId, resolved: { ...now, ...base }, error: null, lastPrice: now.price, entered: true, closed: leg.closed };
    }
    return resolution;
  });
}

/** "NIFTY 10 DEC 24500 CE", as the instrument master names it. */
export function resolvedLegName(underlying: string, leg: Pick<ResolvedLeg, 'kind' | 'expiry' | 'strike'>): string {
  if (leg.kind === 'FUT') return derivativeDisplayName({ underlying, expiry: leg.expiry, kind: 'FUTURE' });
  return derivativeDisplayName({ underlying, expiry: leg.expiry, kind: leg.kind === 'CE' ? 'CALL' : 'PUT', strikeRupees: (leg.strike ?? 0) / 100 });
}

/** The option's own delta as the chain shows it (calls +, puts −); a future's is 1. */
export const optionDelta = (leg: Pick<ResolvedLeg, 'kind' | 'delta'>): number | null => {
  if (leg.kind === 'FUT') return 1;
  if (leg.delta === null) return null;
  return leg.kind === 'PE' ? -leg.delta : leg.delta;
};
