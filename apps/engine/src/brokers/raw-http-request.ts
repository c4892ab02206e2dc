import { connect } from 'node:net';

/** A request line Node's HTTP parser accepts and WHATWG `new URL` rejects: the kind of input fetch cannot send. */
export const UNPARSEABLE_TARGET_REQUEST = 'GET //[ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n';

/** The same, as a WebSocket upgrade. */
export const UNPARSEABLE_TARGET_UPGRADE =
  'GET //[ HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n';

/**
 * Writes `text` as it is over a TCP connection (tests of servers' handling of malformed requests)
 * and resolves with the HTTP status of the answer, or null when the connection ended or `timeoutMs`
 * passed without one.
 */
export function sendRawHttp(port: number, text: string, timeoutMs = 2_000): Promise<number | null> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    let received = '';
    const finish = (status: number | null): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(status);
    };
    const timer = setTimeout(() => finish(null), timeoutMs);
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      const statusLine = /^HTTP\/1\.[01] (\d{3})/.exec(received);
      if (statusLine) finish(Number(statusLine[1]));
    });
    socket.on('error', () => finish(null));
    socket.on('close', () => finish(null));
  });
}

/** Writes `text` and closes the connection at once: a client gone in the middle of its request body. */
export function hangUpAfter(port: number, text: string): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text, () => socket.destroy()));
    socket.on('close', () => resolve());
    socket.on('error', () => undefined); // 'close' follows
  });
}
