import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import type { DomainError } from '@strikedesk/domain';
import { systemKiteClock, type KiteClock } from './kite-clock.ts';
import { kiteBadResponse, kiteClientRefusal, kiteResponseError, kiteTransportError } from './kite-errors.ts';
import { KiteRateLimiter, kiteRateClass } from './rate-limiter.ts';

/**
 * Kite Connect v3 over HTTP: `X-Kite-Version: 3`, `Authorization: token api_key:access_token`,
 * form-encoded POST/PUT bodies (JSON only where Kite wants it), query strings for GET/DELETE, the
 * `{status, data}` envelope, a timeout on every request, client-side rate limits and backoff on
 * 429. Everything Kite-specific about transport lives here; the endpoint modules only name paths,
 * parameters and response schemas.
 */
export type KiteHttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';
type QueryValue = string | number | boolean | readonly (string | number)[] | null | undefined;
type FormValue = string | number | null | undefined;

export type KiteRequest = {
  method: KiteHttpMethod;
  path: string;
  query?: Record<string, QueryValue>;
  form?: Record<string, FormValue>;
  json?: unknown;
  /** false for the session exchange, which carries no access token. Default true. */
  authenticated?: boolean;
  /**
   * Retry after a 429 (with backoff). Default: GET only. Order writes are never retried here: see
   * place-order-idempotent.ts for how a placement refused with 429 is confirmed absent first.
   */
  retryOn429?: boolean;
  timeoutMs?: number;
};

export type RetryPolicy = { maxRetries: number; initialDelayMs: number; maxDelayMs: number };
export const DEFAULT_429_RETRY: RetryPolicy = { maxRetries: 3, initialDelayMs: 500, maxDelayMs: 8_000 };

/** pykiteconnect's default; an order answer slower than this is treated as lost (and looked up). */
export const DEFAULT_KITE_TIMEOUT_MS = 7_000;
export const KITE_API_ROOT = 'https://api.kite.trade';

export type KiteHttpOptions = {
  /** Per broker account: the real API, or a fake in tests and simulated accounts. */
  baseUrl?: string;
  apiKey: string;
  accessToken?: string | null;
  timeoutMs?: number;
  clock?: KiteClock;
  /** Share one limiter between every client of one API key: Kite counts per key. */
  rateLimiter?: KiteRateLimiter;
  retry?: Partial<RetryPolicy>;
  fetch?: typeof fetch;
  /** Called once when Kite says the session is gone (TokenException): mark the account, pause its automation. */
  onSessionExpired?: (error: DomainError) => void;
};

const EnvelopeSchema = z.object({ status: z.literal('success'), data: z.unknown() });
const ErrorEnvelopeSchema = z.object({
  status: z.string().optional(),
  message: z.string().nullable().optional(),
  error_type: z.string().nullable().optional(),
});

type RawResponse = { status: number; contentType: string; retryAfter: string | null; body: Buffer };

const GZIP_MAGIC = [0x1f, 0x8b] as const;

export class KiteHttp {
  readonly apiKey: string;
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly clock: KiteClock;
  private readonly limiter: KiteRateLimiter;
  private readonly retry: RetryPolicy;
  private readonly fetchImpl: typeof fetch;
  private readonly onSessionExpired: ((error: DomainError) => void) | undefined;
  private accessToken: string | null;
  private expired = false;

  constructor(options: KiteHttpOptions) {
    this.apiKey = options.apiKey;
    this.baseUrl = (options.baseUrl ?? KITE_API_ROOT).replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? DEFAULT_KITE_TIMEOUT_MS;
    this.clock = options.clock ?? systemKiteClock;
    this.limiter = options.rateLimiter ?? new KiteRateLimiter({ clock: this.clock });
    this.retry = { ...DEFAULT_429_RETRY, ...options.retry };
    this.fetchImpl = options.fetch ?? fetch;
    this.onSessionExpired = options.onSessionExpired;
    this.accessToken = options.accessToken ?? null;
  }

  /** A fresh token (after login) also lifts the "session expired" stop. */
  setAccessToken(token: string | null): void {
    this.accessToken = token;
    this.expired = false;
  }

  get hasSession(): boolean {
    return this.accessToken !== null && !this.expired;
  }

  /** The access token in use (the ticker connects with it). */
  get currentAccessToken(): string | null {
    return this.accessToken;
  }

  /** A JSON endpoint: the envelope's `data`, checked against `schema`. */
  async data<T>(request: KiteRequest, schema: z.ZodType<T>): Promise<T> {
    const response = await this.send(request);
    const context = { method: request.method, path: request.path, httpStatus: response.status };
    const text = response.body.toString('utf8');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw kiteBadResponse(text.slice(0, 2_000), 'the answer is not JSON', context);
    }
    const envelope = EnvelopeSchema.safeParse(body);
    if (!envelope.success) throw kiteBadResponse(body, 'the answer is not a success envelope', context);
    const parsed = schema.safeParse(envelope.data.data);
    if (!parsed.success) throw kiteBadResponse(body, parsed.error.message, context);
    return parsed.data;
  }

  /** A file endpoint (the instruments CSV): the body, un-gzipped whether or not Content-Encoding said so. */
  async bytes(request: KiteRequest): Promise<Buffer> {
    const response = await this.send(request);
    const body = response.body;
    if (response.contentType.includes('json')) {
      throw kiteBadResponse(body.toString('utf8').slice(0, 2_000), 'expected a file, got JSON', {
        method: request.method,
        path: request.path,
        httpStatus: response.status,
      });
    }
    return body[0] === GZIP_MAGIC[0] && body[1] === GZIP_MAGIC[1] ? gunzipSync(body) : body;
  }

  /** One request through the limiter, retried on 429 when allowed; throws our error for any failure. */
  private async send(request: KiteRequest): Promise<RawResponse> {
    const authenticated = request.authenticated ?? true;
    if (authenticated && !this.hasSession) {
      throw kiteClientRefusal(
        'BROKER_SESSION_EXPIRED',
        this.accessToken === null
          ? 'The broker account is not connected. Log in to the broker first.'
          : 'The broker session has ended. Reconnect the broker account; nothing was sent.',
      );
    }
    const rateClass = kiteRateClass(request.method, request.path);
    const retryOn429 = request.retryOn429 ?? request.method === 'GET';
    for (let attempt = 0; ; attempt += 1) {
      const release = await this.limiter.acquire(rateClass);
      const response = await this.fetchOnce(request, authenticated).finally(release);
      if (response.status >= 200 && response.status < 300) return response;
      const error = this.errorFrom(request, response);
      if (response.status !== 429) {
        if (authenticated && error.code === 'BROKER_SESSION_EXPIRED') this.markExpired(error);
        throw error;
      }
      const delay = this.backoffMs(attempt, response.retryAfter);
      // Kite's counter disagrees with ours: hold the whole class back, not just this request.
      this.limiter.pause(rateClass, delay);
      if (!retryOn429 || attempt >= this.retry.maxRetries) throw error;
      await this.clock.sleep(delay);
    }
  }

  private async fetchOnce(request: KiteRequest, authenticated: boolean): Promise<RawResponse> {
    const headers: Record<string, string> = { 'X-Kite-Version': '3' };
    if (authenticated) headers['Authorization'] = `token ${this.apiKey}:${this.accessToken ?? ''}`;
    let body: string | undefined;
    if (request.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(request.json);
    } else if (request.form) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      body = encode(request.form).toString();
    }
    const query = request.query ? encode(request.query).toString() : '';
    const url = `${this.baseUrl}${request.path}${query ? `?${query}` : ''}`;
    const signal = AbortSignal.timeout(request.timeoutMs ?? this.timeoutMs);
    try {
      const response = await this.fetchImpl(url, { method: request.method, headers, body, signal });
      // The body is read under the same timeout: a response that starts and then stalls is as lost as one that never came.
      const bytes = Buffer.from(await response.arrayBuffer());
      return {
        status: response.status,
        contentType: response.headers.get('content-type') ?? '',
        retryAfter: response.headers.get('retry-after'),
        body: bytes,
      };
    } catch (cause) {
      throw kiteTransportError(cause, { method: request.method, path: request.path, timedOut: signal.aborted });
    }
  }

  private errorFrom(request: KiteRequest, response: RawResponse): DomainError {
    const text = response.body.toString('utf8');
    let raw: unknown = text.slice(0, 2_000);
    let errorType: string | null = null;
    let brokerMessage: string | null = null;
    if (response.contentType.includes('json')) {
      try {
        raw = JSON.parse(text);
        const envelope = ErrorEnvelopeSchema.safeParse(raw);
        if (envelope.success) {
          errorType = envelope.data.error_type ?? null;
          brokerMessage = envelope.data.message ?? null;
        }
      } catch {
        // Not JSON after all: the status decides, the text is kept as raw.
      }
    }
    return kiteResponseError({ httpStatus: response.status, errorType, brokerMessage, raw, method: request.method, path: request.path });
  }

  private markExpired(error: DomainError): void {
    if (this.expired) return;
    this.expired = true;
    // Told after the request that met the expiry has its answer: the account link drops the adapter
    // and its listeners when told, and the refused order's rejection must reach the OMS first
    // (else the order waits in flight until the next login).
    const onSessionExpired = this.onSessionExpired;
    if (onSessionExpired) setImmediate(() => onSessionExpired(error));
  }

  private backoffMs(attempt: number, retryAfter: string | null): number {
    const exponential = Math.min(this.retry.maxDelayMs, this.retry.initialDelayMs * 2 ** attempt);
    const seconds = retryAfter === null ? Number.NaN : Number(retryAfter);
    // Honour a Retry-After (undocumented for Kite, but standard) up to a minute, never less than our own backoff.
    return Number.isFinite(seconds) && seconds > 0 ? Math.max(exponential, Math.min(60_000, seconds * 1_000)) : exponential;
  }
}

function encode(values: Record<string, QueryValue>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const item of value as readonly (string | number)[]) params.append(key, String(item));
    else params.append(key, String(value));
  }
  return params;
}
