import { createHash, timingSafeEqual } from 'node:crypto';
import { DomainError } from '@strikedesk/domain';
import { z } from 'zod';

/** The fields a Kite postback is signed over (the rest of its order payload is the order book's business). */
const PostbackSchema = z.looseObject({
  order_id: z.string().min(1),
  order_timestamp: z.string().min(1),
  checksum: z.string().regex(/^[0-9a-f]{64}$/i),
});

/**
 * Checks a postback body: Kite signs each with hex(sha256(order_id + order_timestamp + api_secret)).
 * Anything unreadable or wrongly signed is refused as forged; nothing in it is trusted otherwise —
 * a genuine postback only makes the adapter read the order book sooner.
 */
export function verifyKitePostback(body: string, apiSecret: string): { orderId: string } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new DomainError('BROKER_POSTBACK_FORGED', 'This order update is not JSON, so it did not come from the broker.');
  }
  const parsed = PostbackSchema.safeParse(json);
  if (!parsed.success) throw new DomainError('BROKER_POSTBACK_FORGED', 'This order update lacks the fields the broker signs.');
  const { order_id: orderId, order_timestamp: timestamp, checksum } = parsed.data;
  const expected = createHash('sha256').update(orderId + timestamp + apiSecret).digest();
  const given = Buffer.from(checksum, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new DomainError('BROKER_POSTBACK_FORGED');
  return { orderId };
}
