import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Tick } from '@strikedesk/domain';
import { WebSocketServer, type WebSocket } from 'ws';
import type { BrokerEvent } from '../broker.ts';
import { guardedRequestListener, parseRequestUrl, type ServerErrorLogger } from '../guarded-request-listener.ts';
import { PaperVenue, type PaperFillOptions, type QuoteSource } from '../paper/paper-venue.ts';
import { CancelRequestSchema, FaultsSchema, ModifyRequestSchema, PlaceRequestSchema, type Faults, type VenueMessage } from './venue-protocol.ts';

export type VenueServerOptions = {
  host?: string;
  port?: number;
  quotes: QuoteSource;
  now?: () => number;
  /** How the venue fills and what it checks orders against (circuit limits, contract terms, slippage). */
  fills?: PaperFillOptions;
  /** Largest request body accepted (orders are a few hundred bytes). */
  maxBodyBytes?: number;
  /** Where a request that failed unexpectedly is reported (stderr when absent). */
  logger?: ServerErrorLogger;
};

export type RunningVenueServer = {
  url: string;
  port: number;
  venue: PaperVenue;
  /** Every event the venue emitted, in order (tests and the crash harness read it). */
  readonly messages: readonly VenueMessage[];
  onTicks(ticks: readonly Tick[]): void;
  setFaults(faults: Faults): void;
  close(): Promise<void>;
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(String(body['reasonMessage'] ?? status));
  }
}

async function readJson(request: IncomingMessage, limit: number): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, { reasonCode: 'PAYLOAD_TOO_LARGE', reasonMessage: 'request body too large' });
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, { reasonCode: 'MALFORMED_JSON', reasonMessage: 'request body is not JSON' });
  }
}

function parse<T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: { message: string } } }, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new HttpError(400, { reasonCode: 'VALIDATION_FAILED', reasonMessage: result.error.message });
  return result.data;
}

/**
 * The paper venue as a network service — the "broker that outlives the engine" of the crash
 * harness, and a venue tests can break on demand (503s, lost acknowledgements, slow answers, cut
 * event streams). Its books live in this process: they survive any number of engine restarts.
 */
export async function startVenueServer(options: VenueServerOptions): Promise<RunningVenueServer> {
  const messages: VenueMessage[] = [];
  const sockets = new Set<WebSocket>();
  const faults = { failRequests: 0, dropResponses: 0, delayMs: 0 };
  const applyFaults = (requested: Faults): void => {
    if (requested.closeEventSockets) for (const socket of sockets) socket.terminate();
    faults.failRequests = requested.failRequests ?? faults.failRequests;
    faults.dropResponses = requested.dropResponses ?? faults.dropResponses;
    faults.delayMs = requested.delayMs ?? faults.delayMs;
  };
  const publish = (event: BrokerEvent): void => {
    const message: VenueMessage = { seq: messages.length + 1, event };
    messages.push(message);
    const text = JSON.stringify(message);
    for (const socket of sockets) if (socket.readyState === socket.OPEN) socket.send(text);
  };
  const venue = new PaperVenue(options.quotes, publish, options.now, options.fills);
  const maxBody = options.maxBodyBytes ?? 64 * 1024;

  const route = async (request: IncomingMessage, url: URL): Promise<{ status: number; body: unknown }> => {
    const method = request.method ?? 'GET';
    const [, resource, id] = url.pathname.split('/');
    if (resource === 'faults' && method === 'POST') {
      applyFaults(parse(FaultsSchema, await readJson(request, maxBody)));
      return { status: 200, body: faults };
    }
    if (resource === 'health' && method === 'GET') return { status: 200, body: { ok: true, lastSeq: messages.length } };
    if (resource === 'books' && method === 'GET') return { status: 200, body: venue.books() };
    if (resource === 'orders' && method === 'POST' && id === undefined) {
      const order = venue.place(parse(PlaceRequestSchema, await readJson(request, maxBody)));
      const { brokerOrderId, status, reasonCode, reasonMessage } = order;
      return { status: 200, body: { brokerOrderId, status, reasonCode, reasonMessage } };
    }
    if (resource === 'orders' && method === 'PUT' && id) {
      const body = parse(ModifyRequestSchema, await readJson(request, maxBody));
      const modified = venue.modify({ ...body, brokerOrderId: id });
      if (!modified) throw new HttpError(409, { reasonCode: 'ORDER_NOT_MODIFIABLE', reasonMessage: 'The order is no longer working.' });
      return { status: 200, body: { brokerOrderId: id, status: modified.status } };
    }
    if (resource === 'orders' && method === 'DELETE' && id) {
      const { accountId, clientOrderId } = parse(CancelRequestSchema, Object.fromEntries(url.searchParams));
      const canceled = venue.cancel({ accountId, clientOrderId, brokerOrderId: id });
      if (!canceled) throw new HttpError(409, { reasonCode: 'ORDER_NOT_CANCELABLE', reasonMessage: 'The order is no longer working.' });
      return { status: 200, body: { brokerOrderId: id, status: canceled.status } };
    }
    throw new HttpError(404, { reasonCode: 'NOT_FOUND', reasonMessage: `${method} ${url.pathname} is not a venue endpoint` });
  };

  const handle = async (request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> => {
    const isRequest = url.pathname.startsWith('/orders');
    if (isRequest && faults.failRequests > 0) {
      faults.failRequests -= 1;
      response.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ reasonCode: 'UNAVAILABLE', reasonMessage: 'venue busy' }));
      return;
    }
    let status: number;
    let body: unknown;
    try {
      ({ status, body } = await route(request, url));
    } catch (error) {
      status = error instanceof HttpError ? error.status : 500;
      body = error instanceof HttpError ? error.body : { reasonCode: 'INTERNAL', reasonMessage: 'venue error' };
    }
    if (isRequest && faults.dropResponses > 0) {
      faults.dropResponses -= 1;
      request.socket.destroy(); // the venue acted; its answer never arrives
      return;
    }
    if (isRequest && faults.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.delayMs));
    if (!response.destroyed) response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };

  const http = createServer(guardedRequestListener({ name: 'paper venue', base: 'http://venue', handle, logger: options.logger }));
  const wss = new WebSocketServer({ server: http, path: '/events', maxPayload: 1024 });
  wss.on('connection', (socket, request) => {
    const after = Number(parseRequestUrl(request.url, 'http://venue')?.searchParams.get('after') ?? messages.length);
    socket.send(JSON.stringify({ hello: { lastSeq: messages.length } }));
    for (const message of messages.slice(Math.max(0, Number.isFinite(after) ? after : messages.length))) socket.send(JSON.stringify(message));
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => sockets.delete(socket));
  });
  wss.on('error', () => undefined); // listen errors are reported below, not as an unhandled event
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      http.off('error', reject);
      resolve();
    });
  });
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    venue,
    messages,
    onTicks: (ticks) => venue.onTicks(ticks),
    setFaults: applyFaults,
    async close() {
      for (const socket of sockets) socket.terminate();
      wss.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
