import type { IncomingMessage } from 'node:http';

export type BodyResult = { ok: true; body: string } | { ok: false; reason: 'TOO_LARGE'; prefix: string } | { ok: false; reason: 'ABORTED' };

/** Reads a request body up to `limit` bytes; past it, stops reading and keeps a prefix for the log. */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: BodyResult) => {
      if (done) return;
      done = true;
      resolve(result);
    };
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        finish({ ok: false, reason: 'TOO_LARGE', prefix: Buffer.concat(chunks).toString('utf8').slice(0, 2_000) });
        req.resume(); // drain the rest so the reply can be sent on a healthy connection
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => finish({ ok: true, body: Buffer.concat(chunks).toString('utf8') }));
    req.on('error', () => finish({ ok: false, reason: 'ABORTED' }));
    req.on('close', () => finish({ ok: false, reason: 'ABORTED' }));
  });
}
