import { ClientOrderIdSchema, type ClientOrderId } from '@strikedesk/domain';

/**
 * Our client order id in Kite's `tag`, which Kite documents as alphanumeric, at most 20 characters.
 * Client order ids may hold `-`, `_` and `.` (the engine's own `sd-<yymmdd>-<n>`, slice ids
 * `<digest>.<n>`, API clients' ids), so the tag is a deterministic, reversible encoding of the id:
 * the same id always gives the same tag (a placement whose answer was lost is found by it), and a
 * book row's tag gives the id back (reconciliation matches Kite's books by client order id).
 *
 * - An id of letters and digits not starting with `Z` is its own tag (readable in Kite's console).
 * - Any other id is `Z` followed by the id read as a number (bijective base 65 over the id
 *   alphabet) written in bijective base 62. Every id of at most 18 characters fits in 20; a longer
 *   one may not, and is refused before sending (kiteTagOf → null).
 * A tag of letters and digits starting with `Z` is therefore always an encoded one. A tag that is
 * not alphanumeric but reads as a client order id is taken as one (orders tagged before this
 * encoding; Kite's own apps may tag freely).
 */
const ID_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_.';
const TAG_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const MARKER = 'Z';
export const KITE_MAX_TAG_LENGTH = 20;
const ALPHANUMERIC = /^[A-Za-z0-9]+$/;

/** Bijective numeration: every string (the empty one excepted) is exactly one positive number. */
function toNumber(text: string, alphabet: string): bigint | null {
  const base = BigInt(alphabet.length);
  let value = 0n;
  for (const char of text) {
    const digit = alphabet.indexOf(char);
    if (digit < 0) return null;
    value = value * base + BigInt(digit + 1);
  }
  return value;
}

function fromNumber(value: bigint, alphabet: string): string {
  const base = BigInt(alphabet.length);
  let text = '';
  for (let rest = value; rest > 0n; ) {
    rest -= 1n;
    text = (alphabet[Number(rest % base)] ?? '') + text;
    rest /= base;
  }
  return text;
}

/** The tag that carries this client order id at Kite, or null when it cannot fit Kite's 20 characters. */
export function kiteTagOf(clientOrderId: string): string | null {
  if (ALPHANUMERIC.test(clientOrderId) && !clientOrderId.startsWith(MARKER) && clientOrderId.length <= KITE_MAX_TAG_LENGTH) return clientOrderId;
  const value = toNumber(clientOrderId, ID_ALPHABET);
  if (value === null || value === 0n) return null;
  const tag = MARKER + fromNumber(value, TAG_ALPHABET);
  return tag.length <= KITE_MAX_TAG_LENGTH ? tag : null;
}

/** The client order id a Kite tag carries, or null when the tag is none of ours. */
export function clientOrderIdOfKiteTag(tag: string | null | undefined): ClientOrderId | null {
  if (!tag) return null;
  let candidate: string = tag;
  if (ALPHANUMERIC.test(tag) && tag.startsWith(MARKER)) {
    const value = toNumber(tag.slice(MARKER.length), TAG_ALPHABET);
    candidate = value === null || value === 0n ? '' : fromNumber(value, ID_ALPHABET);
    // Only the tag we would have sent for that id is ours (e.g. `Z` alone, or a tag typed in Kite's apps, is not).
    if (kiteTagOf(candidate) !== tag) return null;
  }
  const parsed = ClientOrderIdSchema.safeParse(candidate);
  return parsed.success ? parsed.data : null;
}
