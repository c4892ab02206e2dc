import { expiryInstantMs, MILLISECONDS_PER_YEAR, type OptionChain, type PayoffAnalysisContext, type ResolvedLeg } from '@strikedesk/domain';

/**
 * The market the payoff is drawn against, taken from the legs' chains so the browser prices
 * exactly as the engine did: spot, "now" and ATM IV of the nearest series; the rate implied by its
 * discount factor (D = e^(−rT)); and each series' forward ÷ spot (the chain's forward is rupees, its
 * spot paise). Null until a chain has loaded.
 *
 * "Now" is the instant the engine priced the chain at, recovered from its time to expiry — not its
 * `timestamp`, which is the last index tick: outside the session (evenings, weekends) that is the
 * previous close, and T+0 valued from there gives every option the extra time back, so the legs'
 * premiums (priced with less time) show as a profit or loss at today's spot.
 */
export function payoffContextOf(chains: readonly OptionChain[]): PayoffAnalysisContext | null {
  const nearest = [...chains].sort((a, b) => a.expiry.localeCompare(b.expiry))[0];
  if (!nearest) return null;
  const forwardBySpot: Record<string, number> = {};
  for (const chain of chains) if (chain.spot > 0) forwardBySpot[chain.expiry] = (chain.forward * 100) / chain.spot;
  const { timeToExpiryYears: years, discountFactor } = nearest;
  return {
    spot: nearest.spot,
    now: pricedAt(nearest),
    rate: years > 0 && discountFactor > 0 ? -Math.log(discountFactor) / years : 0,
    forwardBySpot,
    atmIv: nearest.atmIv,
  };
}

/** When the engine priced `chain`: T = 0 says only "at or after expiry", then the later of that and its tick. */
function pricedAt(chain: OptionChain): number {
  const expiry = expiryInstantMs(chain.expiry);
  return chain.timeToExpiryYears > 0 ? expiry - chain.timeToExpiryYears * MILLISECONDS_PER_YEAR : Math.max(expiry, chain.timestamp);
}

/** The least the chart shows either side of the strikes and spot: 3 % of spot (a few days' move on an index). */
const MIN_PAD_OF_SPOT = 0.03;
/** Beyond the outermost strikes, this share of the strikes' spread: the wings' flat ends stay in view. */
const PAD_OF_SPAN = 0.6;

/**
 * The underlying range the chart draws: the strikes and spot with room either side, so a structure
 * fills the chart (the domain's default, spot ± 10 %, draws a condor as a thin spike).
 */
export function chartRange(legs: readonly Pick<ResolvedLeg, 'strike'>[], spot: number): { low: number; high: number } {
  let low = spot;
  let high = spot;
  for (const leg of legs) {
    if (leg.strike === null) continue;
    low = Math.min(low, leg.strike);
    high = Math.max(high, leg.strike);
  }
  const pad = Math.max((high - low) * PAD_OF_SPAN, spot * MIN_PAD_OF_SPOT);
  return { low: Math.max(0, Math.floor(low - pad)), high: Math.ceil(high + pad) };
}
