import { createServer, type RequestListener, type Server } from 'node:http';
import type { Logger } from './logger.ts';

/**
 * What one client may hold of the public HTTP server, so a slow or abandoned connection
 * (slowloris: headers a byte at a time, or a socket opened and never written to) is cut instead
 * of being kept forever, and a flood of sockets cannot exhaust the process's file descriptors.
 *
 * Node applies the header and request timers only while a request is being received: an idle
 * keep-alive connection is governed by keepAliveTimeout alone, a socket.io long-poll (a GET that
 * waits up to the 25 s ping interval for its answer) was fully received when it started waiting,
 * and an upgraded socket (socket.io's WebSocket, the web app's) leaves the HTTP parser and every
 * timer here behind. server.timeout (socket inactivity) stays 0: an idle WebSocket is socket.io's
 * pings' business, not the HTTP server's.
 */
export type HttpServerLimits = {
  /** From a request's first byte to the end of its headers. */
  headersTimeoutMs: number;
  /** From a request's first byte to the end of its body (tRPC bodies are at most 1 MiB). */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection is kept between requests. */
  keepAliveTimeoutMs: number;
  /** How often the two timers above are checked: a slow client is cut within this much past them. */
  checkIntervalMs: number;
  /** Headers read per request; any beyond are ignored (browsers send ~20, proxies add a few). */
  maxHeadersCount: number;
  /** Open connections at once (MAX_CONNECTIONS); past it new ones are closed unanswered. */
  maxConnections: number;
};

export const HTTP_SERVER_LIMITS: Omit<HttpServerLimits, 'maxConnections'> = {
  // Browsers and proxies send their headers in one packet; 20 s is generous for a bad mobile link
  // and bounds how long a slowloris socket lives (20–22 s with the check below).
  headersTimeoutMs: 20_000,
  // 1 MiB at ~17 KiB/s: any real link. A body trickled slower than that is an attack.
  requestTimeoutMs: 60_000,
  // Reverse proxies and TradingView reuse connections: keep idle ones longer than a proxy's usual
  // upstream idle timeout (60 s), so the gateway never closes one a request is being written into.
  // (Node ≥ 18 no longer runs the headers timer on an idle keep-alive connection, so it no longer
  // has to exceed this.)
  keepAliveTimeoutMs: 65_000,
  // Node's default is 30 s, which would let a slow client live 30 s past its deadline. The check
  // walks only connections with a request in progress: cheap.
  checkIntervalMs: 2_000,
  maxHeadersCount: 100,
};

/** Refused connections are logged at most this often: a flood must not become a log flood. */
const DROP_LOG_INTERVAL_MS = 60_000;

export function createLimitedServer(handler: RequestListener, limits: HttpServerLimits, logger: Logger): Server {
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: limits.checkIntervalMs,
    },
    handler,
  );
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxHeadersCount = limits.maxHeadersCount;
  server.maxConnections = limits.maxConnections;
  let dropped = 0;
  let lastLoggedAt = 0;
  server.on('drop', () => {
    dropped += 1;
    const now = Date.now();
    if (now - lastLoggedAt < DROP_LOG_INTERVAL_MS) return;
    lastLoggedAt = now;
    logger.warn({ maxConnections: limits.maxConnections, dropped }, 'connection limit reached: new connections are being closed (MAX_CONNECTIONS)');
    dropped = 0;
  });
  return server;
}
