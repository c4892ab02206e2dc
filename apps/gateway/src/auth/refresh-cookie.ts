import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseCookie, stringifySetCookie } from 'cookie';

export const REFRESH_COOKIE = 'sd_refresh';
// Scoped to the API: the browser sends it to tRPC calls only, never to pages or sockets.
const COOKIE_PATH = '/trpc';

export type RefreshCookieOptions = { secure: boolean; maxAgeSeconds: number };

export type RefreshCookieJar = {
  read(): string | null;
  set(token: string): void;
  clear(): void;
};

export function createRefreshCookieJar(req: IncomingMessage, res: ServerResponse, options: RefreshCookieOptions): RefreshCookieJar {
  const write = (value: string, maxAge: number) => {
    const cookie = stringifySetCookie({
      name: REFRESH_COOKIE,
      value,
      path: COOKIE_PATH,
      httpOnly: true,
      sameSite: 'strict',
      secure: options.secure,
      maxAge,
    });
    // append, not set: a batched request may carry more than one cookie-writing call.
    res.appendHeader('Set-Cookie', cookie);
  };
  return {
    read() {
      const header = req.headers.cookie;
      if (!header) return null;
      const value = parseCookie(header)[REFRESH_COOKIE];
      return value ? value : null;
    },
    set: (token) => write(token, options.maxAgeSeconds),
    clear: () => write('', 0),
  };
}
