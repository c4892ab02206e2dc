import type { APIRequestContext } from '@playwright/test';
import { quotes, searchInstruments, type ApiInstrument } from './gateway-api.ts';

export type TradeTargets = { option: ApiInstrument; future: ApiInstrument };

/**
 * The nearest NIFTY future and the call whose strike is closest to it (near the money, so its
 * price is meaningful and moves with every tick of the simulator).
 */
export async function pickNiftyTargets(request: APIRequestContext, token: string): Promise<TradeTargets> {
  const futures = (await searchInstruments(request, token, 'NIFTY FUT')).filter(
    (instrument) => instrument.kind === 'FUTURE' && instrument.underlying === 'NIFTY',
  );
  const future = futures[0];
  if (!future) throw new Error('no NIFTY future in the instrument master');
  const [futureTick] = await quotes(request, token, [future.id]);
  if (!futureTick) throw new Error(`no quote for ${future.id}`);

  const calls = (await searchInstruments(request, token, 'NIFTY CE')).filter(
    (instrument) => instrument.kind === 'CALL' && instrument.underlying === 'NIFTY' && instrument.strike !== null,
  );
  // Not an expiry within the next three days: so close to expiry an at-the-money premium moves 10%
  // in seconds (a resting LIMIT below it fills before the test modifies it), and on its expiry
  // evening the contract is past its close.
  const soonest = new Date(Date.now() + (5.5 + 72) * 3_600_000).toISOString().slice(0, 10);
  const expiries = [...new Set(calls.map((call) => call.expiry ?? ''))].sort();
  const nearestExpiry = expiries.find((expiry) => expiry >= soonest) ?? expiries.at(-1);
  const distance = (call: ApiInstrument) => Math.abs((call.strike ?? 0) - futureTick.lastPrice);
  const option = calls.filter((call) => call.expiry === nearestExpiry).sort((a, b) => distance(a) - distance(b))[0];
  if (!option) throw new Error('no NIFTY call options in the instrument master');
  return { option, future };
}
