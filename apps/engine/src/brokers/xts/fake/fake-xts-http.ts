import type { IncomingMessage, ServerResponse } from 'node:http';

/** Bits both fake XTS servers share: reading a JSON-or-form body and writing the XTS envelope. */
export async function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return {};
  // The Node SDK sends JSON, the Python SDK form-encoded: accept both, as XTS does.
  if ((request.headers['content-type'] ?? '').includes('x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  try {
    const parsed = JSON.parse(text) as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(body));
}

export const success = (response: ServerResponse, code: string, result: unknown, description = 'OK'): void => send(response, 200, { type: 'success', code, description, result });

export const failure = (response: ServerResponse, status: number, code: string | null, description: string, result: unknown = {}): void =>
  send(response, status, { type: 'error', ...(code ? { code } : {}), description, result });

/** The token check every authenticated route does; answers and returns false when it fails. */
export function authorised(request: IncomingMessage, response: ServerResponse, validToken: string | null): boolean {
  const token = request.headers['authorization'];
  if (!token) {
    failure(response, 400, 'e-token-0002', 'Please Provide token to Authenticate');
    return false;
  }
  if (token !== validToken) {
    failure(response, 400, null, 'Invalid Token');
    return false;
  }
  return true;
}
