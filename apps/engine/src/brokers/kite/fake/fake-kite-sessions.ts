import { createHash, randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { sessionJson, type FakeUser } from './fake-kite-payloads.ts';

/** An error answer in Kite's envelope: HTTP status, exception name, message. */
export class KiteErrorReply extends Error {
  constructor(
    readonly status: number,
    readonly errorType: string,
    message: string,
  ) {
    super(message);
  }
}

const token = (): string => randomBytes(16).toString('hex');

/**
 * The fake's login state: single-use request tokens (what the browser login hands back), the
 * access tokens that work, and the checks every authenticated call passes (X-Kite-Version: 3,
 * `Authorization: token api_key:access_token`). Expiring the session kills every access token:
 * TokenException until someone logs in again.
 */
export class FakeKiteSessions {
  readonly initialAccessToken = token();
  private readonly requestTokens = new Set<string>();
  private readonly accessTokens = new Set<string>([this.initialAccessToken]);

  constructor(
    private readonly apiKey: string,
    private readonly apiSecret: string,
    private readonly user: FakeUser,
    private readonly now: () => number,
  ) {}

  issueRequestToken(): string {
    const requestToken = token();
    this.requestTokens.add(requestToken);
    return requestToken;
  }

  /** GET /connect/login: back to the app's redirect URL with a request token (and its redirect_params). */
  loginRedirectQuery(url: URL): string {
    if (url.searchParams.get('api_key') !== this.apiKey) throw new KiteErrorReply(400, 'InputException', 'Invalid `api_key`.');
    const back = new URLSearchParams({ action: 'login', type: 'login', status: 'success', request_token: this.issueRequestToken() });
    for (const [key, value] of new URLSearchParams(url.searchParams.get('redirect_params') ?? '')) back.append(key, value);
    return back.toString();
  }

  /** POST /session/token: the checksum proves the caller holds the API secret. */
  exchange(form: Record<string, string>): Record<string, unknown> {
    if (form['api_key'] !== this.apiKey) throw new KiteErrorReply(400, 'InputException', 'Invalid `api_key`.');
    const requestToken = form['request_token'] ?? '';
    if (!this.requestTokens.has(requestToken)) throw new KiteErrorReply(403, 'TokenException', 'Token is invalid or has expired.');
    const expected = createHash('sha256').update(this.apiKey + requestToken + this.apiSecret).digest('hex');
    if (form['checksum'] !== expected) throw new KiteErrorReply(403, 'TokenException', 'Invalid `checksum`.');
    this.requestTokens.delete(requestToken);
    const accessToken = token();
    this.accessTokens.add(accessToken);
    return sessionJson(this.user, this.apiKey, accessToken, token(), this.now());
  }

  authenticate(headers: IncomingHttpHeaders): void {
    if (headers['x-kite-version'] !== '3') throw new KiteErrorReply(400, 'InputException', 'Invalid or missing `X-Kite-Version` header.');
    const match = /^token ([^:]+):(.+)$/.exec(headers['authorization'] ?? '');
    if (!match || match[1] !== this.apiKey || !this.accessTokens.has(match[2] ?? '')) {
      throw new KiteErrorReply(403, 'TokenException', 'Incorrect `api_key` or `access_token`.');
    }
  }

  /** DELETE /session/token. */
  logout(accessToken: string): void {
    this.accessTokens.delete(accessToken);
  }

  expireAll(): void {
    this.accessTokens.clear();
  }
}
