import { listedContract, type ListedContract } from '../../../instruments/listed-contract.ts';
import type { KiteInstrument } from './kite-instruments.ts';

/**
 * Kite's parsed instrument master as broker-neutral listed contracts (catalog-from-master.ts).
 * The feed key is the instrument token KiteTicker subscribes with; tokens can be reused after an
 * expiry, so keys are only good for the master they came from. Kite publishes no freeze quantity:
 * null leaves it to the underlying's spec.
 */
export function kiteListedContracts(instruments: readonly KiteInstrument[]): ListedContract[] {
  return instruments.map((instrument) => listedContract(instrument, String(instrument.instrumentToken), null));
}
