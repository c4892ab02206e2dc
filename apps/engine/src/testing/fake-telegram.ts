import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export type TelegramMessage = { path: string; body: { chat_id: string; text: string; disable_web_page_preview?: boolean } };

/**
 * Speaks the Bot API's sendMessage on port 0 and keeps what it was sent. `throttleFirst`: the first
 * call is told to retry after 1 s (429 with `retry_after`), as Telegram does under load. Closed by
 * the cleanup it pushes.
 */
export async function startFakeTelegram(cleanups: (() => Promise<unknown>)[], options: { throttleFirst?: boolean } = {}) {
  const received: TelegramMessage[] = [];
  let calls = 0;
  const server = createServer((req: IncomingMessage, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      calls += 1;
      res.setHeader('content-type', 'application/json');
      if (options.throttleFirst && calls === 1) {
        res.statusCode = 429;
        return res.end(JSON.stringify({ ok: false, error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } }));
      }
      received.push({ path: req.url ?? '', body: JSON.parse(text) as TelegramMessage['body'] });
      res.end(JSON.stringify({ ok: true, result: { message_id: calls } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}
