import { createHash } from 'node:crypto';
import { asClientOrderId, type ClientOrderId, type Instrument } from '@strikedesk/domain';

/**
 * The largest quantity one broker order may carry: the freeze quantity rounded down to whole lots
 * (an order at the freeze quantity is accepted; above it the exchange freezes it).
 */
export function maxSliceQuantity(instrument: Pick<Instrument, 'freezeQuantity' | 'lotSize'>): number {
  return Math.max(instrument.lotSize, Math.floor(instrument.freezeQuantity / instrument.lotSize) * instrument.lotSize);
}

/**
 * Splits a quantity into slices of at most the freeze quantity, all full-size but the last (the
 * "iceberg" a trader expects: 3 × 1,800 + 600, not 4 × 1,500). A quantity within the freeze
 * quantity is one slice.
 */
export function sliceQuantities(quantity: number, instrument: Pick<Instrument, 'freezeQuantity' | 'lotSize'>): number[] {
  const size = maxSliceQuantity(instrument);
  const slices: number[] = [];
  for (let remaining = quantity; remaining > 0; remaining -= size) slices.push(Math.min(size, remaining));
  return slices;
}

/**
 * Client order id of slice `index` (1-based) of the order the client called `parent`. Slice 1 is the
 * parent id itself, so a retried submit meets its first result (and the database's unique index);
 * later slices get a stable derived id — 15 hash characters, `.`, the index in base 36 — that fits
 * Kite's 20-character tag and contains the `.` clients may not use, so it can never collide with a
 * client's own id.
 */
export function sliceClientOrderId(parent: ClientOrderId, accountId: string, index: number): ClientOrderId {
  if (index === 1) return parent;
  const digest = createHash('sha256').update(`${accountId}|${parent}`).digest('base64url').replace(/[^A-Za-z0-9]/g, '').slice(0, 15);
  return asClientOrderId(`${digest}.${index.toString(36)}`);
}
