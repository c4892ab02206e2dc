import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';
import type { DomainError } from '@strikedesk/domain';
import { xtsBadResponse, xtsClientRefusal, xtsResponseError, xtsTransportError } from './xts-errors.ts';

/**
 * XTS over HTTP, shared by the Interactive and Market Data APIs: the root URL is per broker account
 * (XTS is white-labelled; each broker hosts its own), the token goes raw in `authorization` (no
 * "Bearer"), bodies are JSON, every answer is the `{type, code, description, result}` envelope, and
 * every request has a timeout. Once XTS says the session is gone, nothing more is sent: the token is
 * never refreshed behind the user's back, because a second login would in turn end whichever
 * session (perhaps the user's own terminal) took ours.
 */
export type XtsHttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export type XtsRequest = {
  method: XtsHttpMethod;
  /** Below the API prefix, e.g. `/orders`. */
  path: string;
  query?: Record<string, string | number | undefined>;
  json?: unknown;
  /** false for login. Default true. */
  authenticated?: boolean;
  /** Retry after a 429 with backoff. Default: GET only (an order write is looked up first, never resent here). */
  retryOn429?: boolean;
};

export type XtsHttpOptions = {
  rootUrl: string;
  /** `/interactive` or `/apimarketdata` (some brokers: `/apibinarymarketdata`). */
  apiPrefix: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
  retry?: { maxRetries: number; initialDelayMs: number; maxDelayMs: number };
  /** Called once when XTS says our session is gone (expiry, or a login elsewhere). */
  onSessionEnded?: (error: DomainError) => void;
  /** Client-side rate limiting: every attempt (a 429 retry too) waits for a slot first. */
  limiter?: XtsHttpLimiter;
};

/**
 * What XtsHttp needs from a rate limiter: a slot per attempt, released once the attempt is answered
 * (or failed), and word of a 429 so the limiter can hold that kind of request back.
 */
export type XtsHttpLimiter = {
  acquire(request: XtsRequest): Promise<() => void>;
  rateLimited?(request: XtsRequest): void;
};

const EnvelopeSchema = z.object({
  type: z.string(),
  code: z.string().nullish(),
  description: z.string().nullish(),
  result: z.unknown().optional(),
});

export class XtsHttp {
  private readonly base: string;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;
  private readonly retry: { maxRetries: number; initialDelayMs: number; maxDelayMs: number };
  private readonly sessionListeners = new Set<(error: DomainError) => void>();
  private readonly limiter: XtsHttpLimiter | undefined;
  private token: string | null = null;
  private ended: DomainError | null = null;

  constructor(options: XtsHttpOptions) {
    this.base = `${options.rootUrl.replace(/\/+$/, '')}${options.apiPrefix}`;
    this.timeoutMs = options.timeoutMs ?? 7_000;
    this.fetchImpl = options.fetch ?? fetch;
    this.retry = options.retry ?? { maxRetries: 3, initialDelayMs: 250, maxDelayMs: 4_000 };
    if (options.onSessionEnded) this.sessionListeners.add(options.onSessionEnded);
    this.limiter = options.limiter;
  }

  setToken(token: string | null): void {
    this.token = token;
    this.ended = null;
  }

  get currentToken(): string | null {
    return this.token;
  }

  /** Why the session ended, or null while it lasts. */
  get sessionEnded(): DomainError | null {
    return this.ended;
  }

  /** Marks the session gone (also from the order socket's `logout`); later requests are refused unsent. */
  endSession(error: DomainError): void {
    if (this.ended) return;
    this.ended = error;
    for (const listener of this.sessionListeners) listener(error);
  }

  onSessionEnded(listener: (error: DomainError) => void): () => void {
    this.sessionListeners.add(listener);
    return () => this.sessionListeners.delete(listener);
  }

  /** The envelope's `result`, checked against `schema`. */
  async result<T>(request: XtsRequest, schema: z.ZodType<T>): Promise<T> {
    const authenticated = request.authenticated ?? true;
    if (authenticated && (this.token === null || this.ended)) {
      throw this.ended ?? xtsClientRefusal('BROKER_SESSION_EXPIRED', 'The broker account is not logged in. Log in to the broker first; nothing was sent.');
    }
    const retryOn429 = request.retryOn429 ?? request.method === 'GET';
    for (let attempt = 0; ; attempt += 1) {
      const { status, body } = await this.limitedFetch(request, authenticated);
      const context = { method: request.method, path: request.path, httpStatus: status };
      const envelope = EnvelopeSchema.safeParse(body);
      if (status >= 200 && status < 300 && envelope.success && envelope.data.type === 'success') {
        const parsed = schema.safeParse(envelope.data.result);
        if (!parsed.success) throw xtsBadResponse(body, parsed.error.message, context);
        return parsed.data;
      }
      if (status >= 200 && status < 300 && !envelope.success) throw xtsBadResponse(body, 'the answer is not an XTS envelope', context);
      const error = xtsResponseError({
        httpStatus: status,
        xtsCode: envelope.success ? (envelope.data.code ?? null) : null,
        brokerMessage: envelope.success ? (envelope.data.description ?? null) : null,
        raw: body,
        method: request.method,
        path: request.path,
      });
      if (error.code === 'BROKER_SESSION_EXPIRED' && authenticated) this.endSession(error);
      if (status !== 429 || !retryOn429 || attempt >= this.retry.maxRetries) throw error;
      await delay(Math.min(this.retry.maxDelayMs, this.retry.initialDelayMs * 2 ** attempt));
    }
  }

  private async limitedFetch(request: XtsRequest, authenticated: boolean): Promise<{ status: number; body: unknown }> {
    if (!this.limiter) return this.fetchOnce(request, authenticated);
    const release = await this.limiter.acquire(request);
    // The wait may have outlived the session: send nothing on a token XTS has already refused.
    if (authenticated && this.ended) {
      release();
      throw this.ended;
    }
    try {
      const answer = await this.fetchOnce(request, authenticated);
      if (answer.status === 429) this.limiter.rateLimited?.(request);
      return answer;
    } finally {
      release();
    }
  }

  private async fetchOnce(request: XtsRequest, authenticated: boolean): Promise<{ status: number; body: unknown }> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (authenticated && this.token) headers['authorization'] = this.token;
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(request.query ?? {})) if (value !== undefined) query.append(key, String(value));
    const url = `${this.base}${request.path}${query.size > 0 ? `?${query.toString()}` : ''}`;
    const body = serializedBody(request);
    const signal = AbortSignal.timeout(this.timeoutMs);
    let text: string;
    let status: number;
    try {
      const response = await this.fetchImpl(url, { method: request.method, headers, body, signal });
      status = response.status;
      text = await response.text();
    } catch (cause) {
      throw xtsTransportError(cause, { method: request.method, path: request.path, timedOut: signal.aborted });
    }
    try {
      return { status, body: JSON.parse(text) as unknown };
    } catch {
      if (status >= 200 && status < 300) throw xtsBadResponse(text.slice(0, 2_000), 'the answer is not JSON', { method: request.method, path: request.path, httpStatus: status });
      return { status, body: text.slice(0, 2_000) };
    }
  }
}

/** The JSON body, written before sending: a body that cannot be written was never sent (a refusal, not a lost answer). */
function serializedBody(request: XtsRequest): string | undefined {
  if (request.json === undefined) return undefined;
  try {
    return JSON.stringify(request.json);
  } catch (error) {
    throw xtsClientRefusal('BROKER_INPUT_REJECTED', `The request to ${request.path} could not be written as JSON (${error instanceof Error ? error.message : String(error)}); nothing was sent.`);
  }
}
