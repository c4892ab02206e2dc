import type { AddressInfo } from 'node:net';
import { waitUntil } from '@strikedesk/domain/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import type { BrokerEvent } from '../broker.ts';
import { PaperVenueBroker } from './paper-venue-broker.ts';

/**
 * The adapter's event socket against a venue that sends what it should not: every message is read
 * inside the socket's listener, where a throw would be an uncaughtException ending the engine.
 */
const ACCOUNT = '0b7e4c1a-5d2f-4e3a-9c8b-1a2b3c4d5e6f';
let server: WebSocketServer | null = null;
let broker: PaperVenueBroker | null = null;
afterEach(async () => {
  broker?.close();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = null;
  broker = null;
});

/** A venue whose event socket sends `messages` to whoever connects. */
async function venueSending(messages: readonly string[]): Promise<string> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/events' });
  server = wss;
  wss.on('connection', (socket) => {
    for (const message of messages) socket.send(message);
  });
  await new Promise((resolve) => wss.once('listening', resolve));
  return `http://127.0.0.1:${(wss.address() as AddressInfo).port}`;
}

describe('paper venue adapter, event socket', () => {
  it('logs and drops malformed messages, and goes on with the ones after them', async () => {
    const accepted = { seq: 1, event: { kind: 'accepted', accountId: ACCOUNT, clientOrderId: 'pv-msg-1', brokerOrderId: 'PB-1' } };
    const url = await venueSending(['{"hello":null}', '{"hello":{"lastSeq":"7"}}', 'not json', '[1,2]', '{"hello":{"lastSeq":0}}', JSON.stringify(accepted)]);
    const warnings: string[] = [];
    broker = new PaperVenueBroker({ url, logger: { warn: (_details, message) => warnings.push(message), info: () => undefined } });
    const events: BrokerEvent[] = [];
    broker.onEvent((event) => events.push(event));
    await waitUntil(() => events.length === 1, { message: 'the event after the malformed messages' });
    expect(events[0]).toMatchObject({ kind: 'accepted', clientOrderId: 'pv-msg-1', brokerOrderId: 'PB-1' });
    expect(warnings).toHaveLength(4);
  });
});
