import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTickerText } from './text-messages.ts';

// Kite's postback sample (zerodha/kiteconnect-mocks postback.json): the order update's `data` has this shape.
const ORDER = {
  user_id: 'AB1234', unfilled_quantity: 0, app_id: 1234, checksum: '2011845d9348bd6795151bf4258102a03431e3bb12a79c0df73fcb4b7fde4b5d',
  placed_by: 'AB1234', order_id: '220303000308932', exchange_order_id: '1000000001482421', parent_order_id: null, status: 'COMPLETE',
  status_message: null, status_message_raw: null, order_timestamp: '2022-03-03 09:24:25', exchange_update_timestamp: '2022-03-03 09:24:25',
  exchange_timestamp: '2022-03-03 09:24:25', variety: 'regular', exchange: 'NSE', tradingsymbol: 'SBIN', instrument_token: 779521,
  order_type: 'MARKET', transaction_type: 'BUY', validity: 'DAY', product: 'CNC', quantity: 1, disclosed_quantity: 0, price: 0,
  trigger_price: 0, average_price: 470, filled_quantity: 1, pending_quantity: 0, cancelled_quantity: 0, market_protection: 0, meta: {},
  tag: null, guid: 'XXXXXX',
};

describe('parseTickerText', () => {
  it('an order update becomes a typed order, unknown fields kept', () => {
    const message = parseTickerText(JSON.stringify({ type: 'order', data: ORDER }));
    expect(message).toEqual({ kind: 'order', order: ORDER });
    if (message.kind === 'order') {
      expect(message.order.status).toBe('COMPLETE');
      expect(message.order.market_protection).toBe(0);
    }
  });

  it('error and message frames carry their text', () => {
    expect(parseTickerText('{"type":"error","data":"Invalid subscription"}')).toEqual({ kind: 'error', message: 'Invalid subscription' });
    expect(parseTickerText('{"type":"message","data":"Market closes at 15:30"}')).toEqual({ kind: 'message', message: 'Market closes at 15:30' });
  });

  it.each([
    ['not JSON', 'hello', /not JSON/],
    ['an array', '[1,2]', /not a \{"type","data"\} message/],
    ['an unknown type', '{"type":"alert","data":"x"}', /unknown message type "alert"/],
    ['an order without an id', JSON.stringify({ type: 'order', data: { ...ORDER, order_id: undefined } }), /order update:.*order_id/],
    ['an order in an unknown status', JSON.stringify({ type: 'order', data: { ...ORDER, status: 'TELEPORTED' } }), /order update:.*status/],
    ['an error whose data is not text', '{"type":"error","data":{"x":1}}', /error: data is not a string/],
  ])('%s is unreadable with the reason', (_name, text, reason) => {
    const message = parseTickerText(text);
    expect(message.kind).toBe('unreadable');
    if (message.kind === 'unreadable') expect(message.reason).toMatch(reason);
  });

  it('keeps only an excerpt of a huge unreadable frame', () => {
    const message = parseTickerText('x'.repeat(100_000));
    expect(message.kind === 'unreadable' && message.text.length).toBe(200);
  });

  it('garbage never throws', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.json()), (text) => void parseTickerText(text)), { numRuns: 2_000 });
    fc.assert(fc.property(fc.anything(), (data) => void parseTickerText(JSON.stringify({ type: 'order', data }) ?? '')), { numRuns: 500 });
  });
});
