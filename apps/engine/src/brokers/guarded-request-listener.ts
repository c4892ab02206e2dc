import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

/**
 * The HTTP servers under brokers/ (the paper venue, the fake Kite and XTS servers that simulated
 * accounts run inside the engine) answer any local client. One bad request must never take the
 * process down: Node's HTTP parser accepts targets that WHATWG `new URL` rejects (`GET //[ HTTP/1.1`),
 * and a throw in an async handler started with `void handle()` is an unhandled rejection.
 */
export type ServerErrorLogger = { error(details: object, message: string): void };

/** The request target as a URL, or null when it cannot be read as one. */
export function parseRequestUrl(target: string | undefined, base: string): URL | null {
  try {
    return new URL(target ?? '/', base);
  } catch {
    return null;
  }
}

/** Without a logger of the caller's, a failure still leaves a trace (the fakes are built without one in tests). */
const stderrLogger: ServerErrorLogger = {
  error: (details, message) => process.stderr.write(`${message} ${JSON.stringify(details, (_key, value: unknown) => (value instanceof Error ? value.stack : value))}\n`),
};

function answer(response: ServerResponse, status: number, text: string): void {
  if (response.headersSent || response.destroyed) {
    response.destroy(); // half an answer must not pass for a whole one
    return;
  }
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' }).end(text);
}

export type GuardedHandler = (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<void>;

/**
 * A request listener around an async handler: an unreadable target is answered 400 before the
 * handler sees it; anything the handler throws is logged and answered 500 (or the connection
 * closed, when the answer had already begun).
 */
export function guardedRequestListener(options: { name: string; base: string; handle: GuardedHandler; logger?: ServerErrorLogger | undefined }): RequestListener {
  const logger = options.logger ?? stderrLogger;
  return (request, response) => {
    const url = parseRequestUrl(request.url, options.base);
    if (url === null) {
      answer(response, 400, 'Bad Request: the request target is not a valid URL.');
      return;
    }
    options.handle(request, response, url).catch((error: unknown) => {
      logger.error({ err: error, method: request.method, path: url.pathname }, `${options.name}: request failed`);
      answer(response, 500, 'Internal Server Error');
    });
  };
}
