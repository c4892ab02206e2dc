import type { AlertMessage } from '@strikedesk/domain';

/**
 * What PostgreSQL refuses in an alert: U+0000 (in text and jsonb) and unpaired UTF-16 surrogates
 * (in jsonb: `\ud800` is not a character). Both come from the sender's bytes (`"\u0000"`, a raw
 * NUL) or from cutting a field to 200 characters inside an emoji's surrogate pair.
 */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The text with each unstorable character replaced by U+FFFD. An alert must be stored, whatever
 * it holds, before it is answered: refused by the database it would get a 5xx, TradingView would
 * resend the same bytes, and the alert would never reach Signals.
 */
export const storableText = (text: string): string => text.replace(UNSTORABLE, '\uFFFD');

/** The parsed alert with every text field storable (its meaning — action, quantities — is untouched). */
export function storableMessage(message: AlertMessage): AlertMessage {
  const fields = Object.entries(message).map(([key, value]) => [key, typeof value === 'string' ? storableText(value) : value]);
  return Object.fromEntries(fields) as AlertMessage;
}
