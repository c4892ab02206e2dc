import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asAccountId, asClientOrderId, type OrderId } from '@strikedesk/domain';
import { generatedClientOrderId } from '../../../orders/order-ids.ts';
import { sliceClientOrderId } from '../../../orders/slicing.ts';
import { placeRequest, requestsTo, startKiteHarness, type KiteHarness } from '../fake/fake-kite-harness.ts';
import { clientOrderIdOfKiteTag, kiteTagOf } from './kite-tag.ts';

/**
 * Kite documents `tag` as alphanumeric, at most 20 characters; our client order ids may hold `-`,
 * `_` and `.` — the engine's own ids for orders sent without one (`sd-<yymmdd>-<n>`: square-offs,
 * kill-switch flattens, expiry settlements…) and every slice after the first (`<digest>.<n>`).
 * The fake Kite enforces the documented rule, so these orders reach it only encoded.
 */
const ACCOUNT = asAccountId('00000000-0000-4000-8000-00000000000a');
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_.';
const generated = generatedClientOrderId('261207-15' as OrderId);
const slice = sliceClientOrderId(asClientOrderId('w1a2b3c4d5e6f7'), ACCOUNT, 2);

describe('kiteTagOf / clientOrderIdOfKiteTag', () => {
  it('the ids the engine forms are not alphanumeric, so they cannot be sent as they are', () => {
    expect(generated).toBe('sd-261207-15');
    expect(slice).toMatch(/^[A-Za-z0-9]{15}\.2$/);
  });

  it('gives every id of up to 18 characters an alphanumeric tag of at most 20 that reads back as the id', () => {
    // A small deterministic generator (no Math.random): the same cases every run.
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648);
    const ids = [generated, slice, 'sd-261207-12345678', 'a', '-', '.'.repeat(18), '_'.repeat(18), 'my_order-1', 'Zebra', 'Z', 'w1a2b3', 'tv12345', 'x'.repeat(20)];
    for (let n = 0; n < 2_000; n += 1) {
      const length = 1 + (next() % 18);
      ids.push(Array.from({ length }, () => ALPHABET[next() % ALPHABET.length]).join(''));
    }
    for (const id of ids) {
      const tag = kiteTagOf(id);
      expect(tag, id).toMatch(/^[A-Za-z0-9]{1,20}$/);
      expect(clientOrderIdOfKiteTag(tag), id).toBe(id);
    }
  });

  it('keeps an alphanumeric id as its own tag (readable in Kite’s console), unless it starts with the marker Z', () => {
    expect(kiteTagOf('w1a2b3')).toBe('w1a2b3');
    expect(kiteTagOf('tv12345')).toBe('tv12345');
    expect(kiteTagOf('Zebra')).not.toBe('Zebra');
    expect(new Set(['Zebra', 'sd-1', 'sd_1', 'sd.1', 'sd1'].map(kiteTagOf)).size).toBe(5);
  });

  it('reads a tag from before the encoding (not alphanumeric) as the id it is, and tags of no id as none', () => {
    expect(clientOrderIdOfKiteTag('sd-261207-15')).toBe('sd-261207-15');
    expect(clientOrderIdOfKiteTag(null)).toBeNull();
    expect(clientOrderIdOfKiteTag('Z')).toBeNull();
    expect(clientOrderIdOfKiteTag('has space')).toBeNull();
  });

  it('has no tag for an id that cannot fit 20 characters', () => {
    expect(kiteTagOf('.'.repeat(20))).toBeNull();
  });
});

describe('Kite orders tagged with encoded ids, at a fake Kite enforcing the tag rule', () => {
  let h: KiteHarness;
  beforeEach(async () => {
    h = await startKiteHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('places an engine-generated id, finds it by its tag when the answer is lost, and maps the books back to our ids', async () => {
    const placed = await h.client.placeOrderIdempotent(placeRequest({ clientOrderId: generated }), { graceMs: 2_000, pollMs: 100 }).catch((error: unknown) => error);
    expect(placed).toMatchObject({ outcome: 'placed' });
    h.fake.faults.loseNextAcknowledgement('reset');
    const found = await h.client.placeOrderIdempotent(placeRequest({ clientOrderId: slice }), { graceMs: 2_000, pollMs: 100 });
    expect(found).toMatchObject({ outcome: 'found', order: { clientOrderId: slice } });
    // Sent once each, never again after the lost answer.
    expect(requestsTo(h.fake, 'POST', /^\/orders\/regular$/).map((request) => request.status)).toEqual([200, -1]);
    expect(h.fake.book.orders.map((order) => order.tag)).toEqual([kiteTagOf(generated), kiteTagOf(slice)]);

    const books = await h.client.books(ACCOUNT);
    expect(books.orders.map((order) => order.clientOrderId).sort()).toEqual([generated, slice].sort());
    expect(books.unmatched.orders).toEqual([]);
  });

  it('refuses before sending an id that cannot be carried in a tag', async () => {
    const tooLong = asClientOrderId('.'.repeat(20));
    await expect(h.client.placeOrderIdempotent(placeRequest({ clientOrderId: tooLong }))).rejects.toMatchObject({ code: 'BROKER_INPUT_REJECTED' });
    expect(requestsTo(h.fake, 'POST', /^\/orders\//)).toEqual([]);
  });
});
