import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { ERROR_CODES, type ErrorCode } from '@strikedesk/domain';
import { sendJson } from '../http/send-json.ts';

/** Nothing here may be cached: a redirect carries one login's outcome, an error one request's. */
const NO_STORE = { 'cache-control': 'no-store' } as const;

/** `error` as every gateway HTTP error has it, and `code`: the same stable code. */
export function sendBrokerError(res: ServerResponse, status: number, code: ErrorCode, message: string = ERROR_CODES[code], headers: OutgoingHttpHeaders = {}): void {
  sendJson(res, status, { error: code, code, message }, { ...NO_STORE, ...headers });
}

export function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { ...NO_STORE, location, 'content-length': 0 });
  res.end();
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char);

/**
 * A login callback that cannot go back to a page (no valid state says which, or for whom): a
 * browser gets a short page it can act on, anything else the JSON error.
 */
export function sendLoginProblem(req: IncomingMessage, res: ServerResponse, status: number, code: ErrorCode, message: string): void {
  if (!(req.headers.accept ?? '').includes('text/html')) return sendBrokerError(res, status, code, message);
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Broker login · Strikedesk</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; padding: 0 1rem">
<h1 style="font-size: 1.2rem">The broker login did not complete</h1>
<p data-code="${code}">${escapeHtml(message)}</p>
<p style="color: #666">Code: ${code}</p>
<p><a href="/settings">Back to Settings</a></p>
</body></html>`;
  res.writeHead(status, { ...NO_STORE, 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html) });
  res.end(html);
}
