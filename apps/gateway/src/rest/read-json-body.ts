import type { IncomingMessage } from 'node:http';
import { readBody } from '../webhooks/read-body.ts';
import { errorReply, type RestReply } from './rest-reply.ts';

/** Orders are a few hundred bytes; anything near this is not one. */
export const API_BODY_LIMIT_BYTES = 16 * 1024;

export type JsonBody = { ok: true; value: unknown } | { ok: false; reply: RestReply };

/** The request's JSON body (undefined when empty), or the refusal to send: the same statuses tRPC uses. */
export async function readJsonBody(req: IncomingMessage): Promise<JsonBody> {
  const contentType = req.headers['content-type'];
  if (contentType !== undefined && !/^application\/json\s*(;|$)/i.test(contentType)) {
    return {
      ok: false,
      reply: errorReply('VALIDATION_FAILED', { status: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the request body as JSON (Content-Type: application/json).' }),
    };
  }
  const read = await readBody(req, API_BODY_LIMIT_BYTES);
  if (!read.ok) {
    return read.reason === 'TOO_LARGE'
      ? { ok: false, reply: errorReply('VALIDATION_FAILED', { status: 'PAYLOAD_TOO_LARGE', message: `The request body is larger than ${API_BODY_LIMIT_BYTES / 1024} KB.` }) }
      : { ok: false, reply: errorReply('VALIDATION_FAILED', { message: 'The request body could not be read.' }) };
  }
  if (read.body.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(read.body) as unknown };
  } catch {
    return { ok: false, reply: errorReply('VALIDATION_FAILED', { message: 'The request body is not valid JSON.' }) };
  }
}
