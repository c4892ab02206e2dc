import { z } from 'zod';
import { DomainError } from '@strikedesk/domain';
import { xtsErrorDetails } from '../xts-errors.ts';
import { XtsHttp, type XtsHttpOptions } from '../xts-http.ts';
import type { XtsInstrumentRef } from '../xts-instrument-directory.ts';
import { XtsRateLimiter } from '../xts-rate-limiter.ts';
import { XTS_SEGMENTS, type XtsSegment } from '../xts-units.ts';
import { parseXtsInstrumentMaster, type XtsMasterImport } from './xts-instrument-master.ts';
import { DEFAULT_XTS_MD_RATE_LIMITS, xtsMdRateClass, type XtsMdRateLimits } from './xts-market-data-limits.ts';
import { parseXtsIndexList, type XtsIndexEntry } from './xts-index-list.ts';
import { XtsMdIndexListResultSchema, XtsMdLoginResultSchema, XtsMdMasterResultSchema, XtsMdQuotesResultSchema } from './xts-market-data-schemas.ts';
import { parseFullMessage, type XtsQuoteState } from './xts-market-messages.ts';

/**
 * The XTS Market Data REST API: session, subscriptions, quotes, instrument master, index list.
 * XTS is white-labelled: the root URL is per broker account and so is the prefix (`/apimarketdata`
 * on most broker hosts, `/marketdata` in Symphony's own SDK configs, `/apibinarymarketdata` for the
 * binary flavour), so both are options. Instruments go out as `{exchangeSegment: <number>,
 * exchangeInstrumentID}` — market data numbers the segments (NSEFO = 2), orders name them.
 *
 * A subscription belongs to the session, not to the socket: subscribing something the session
 * already has is refused with e-session-0002 "Instrument Already Subscribed !" — after a reconnect,
 * a restart, or a retried request whose first answer was lost. That is success for us; the snapshot
 * such an answer lacks is read from quotes instead.
 */
// Indices stream on the touchline (its LastTradedPrice is the index value; bid/ask are empty).
// Symphony's SDKs also name a 1504 "index data" event (IndexName, IndexValue, ...): another
// message shape, which we do not read.
// Open interest (1510: OpenInterest, nothing else) streams beside a derivative's price code.
export const XTS_MD_MESSAGE_CODES = { touchline: 1501, depth: 1502, openInterest: 1510, ltp: 1512 } as const;
export type XtsMdMessageCode = (typeof XTS_MD_MESSAGE_CODES)[keyof typeof XTS_MD_MESSAGE_CODES];

export const DEFAULT_XTS_MD_PREFIX = '/apimarketdata';

export type XtsMarketDataOptions = Omit<XtsHttpOptions, 'apiPrefix' | 'limiter'> & {
  appKey: string;
  secretKey: string;
  /** Default `/apimarketdata`. The socket lives at `<prefix>/socket.io`. */
  apiPrefix?: string;
  /** Per-class overrides of the defaults (xts-market-data-limits.ts) — per broker account. */
  rateLimits?: Partial<XtsMdRateLimits>;
};

export type XtsSubscribeResult = {
  /** The current full state of each instrument, from the answer (or from quotes, see above). */
  quotes: XtsQuoteState[];
  /** Instruments the session had already subscribed. */
  alreadySubscribed: XtsInstrumentRef[];
};

const ALREADY_SUBSCRIBED_CODE = 'e-session-0002';

/**
 * "Instrument Already Subscribed !" — but not "Exceeded Instrument Subscription Limit of 50. You have
 * already subscribed 50/50 …", a real refusal whose text also says "already subscribed".
 */
export function isAlreadySubscribed(error: unknown): boolean {
  const details = xtsErrorDetails(error);
  if (!details || details.source !== 'server') return false;
  const text = details.brokerMessage ?? '';
  if (/limit/i.test(text)) return false;
  return details.xtsCode === ALREADY_SUBSCRIBED_CODE || /already subscribed/i.test(text);
}

const wire = (refs: readonly XtsInstrumentRef[]) => refs.map((ref) => ({ exchangeSegment: XTS_SEGMENTS[ref.segment].code, exchangeInstrumentID: ref.exchangeInstrumentId }));

const parseQuotes = (rows: readonly unknown[]): XtsQuoteState[] => rows.flatMap((row) => parseFullMessage(row) ?? []);

export class XtsMarketDataClient {
  readonly http: XtsHttp;
  readonly rootUrl: string;
  readonly apiPrefix: string;
  private userId: string | null = null;

  constructor(private readonly options: XtsMarketDataOptions) {
    this.rootUrl = options.rootUrl;
    this.apiPrefix = `/${(options.apiPrefix ?? DEFAULT_XTS_MD_PREFIX).replace(/^\/+|\/+$/g, '')}`;
    const limiter = new XtsRateLimiter({ ...DEFAULT_XTS_MD_RATE_LIMITS, ...options.rateLimits }, xtsMdRateClass);
    this.http = new XtsHttp({ ...options, apiPrefix: this.apiPrefix, limiter });
  }

  get userID(): string | null {
    return this.userId;
  }

  get token(): string | null {
    return this.http.currentToken;
  }

  /** Where the market-data socket.io server listens. */
  get socketPath(): string {
    return `${this.apiPrefix}/socket.io`;
  }

  /** POST /auth/login. Ends any other market-data session of this app key (XTS allows one). */
  async login(): Promise<{ token: string; userID: string }> {
    const result = await this.http.result(
      { method: 'POST', path: '/auth/login', json: { appKey: this.options.appKey, secretKey: this.options.secretKey, source: 'WEBAPI' }, authenticated: false, retryOn429: false },
      XtsMdLoginResultSchema,
    );
    this.http.setToken(result.token);
    this.userId = result.userID;
    return { token: result.token, userID: result.userID };
  }

  async logout(): Promise<void> {
    await this.http.result({ method: 'DELETE', path: '/auth/logout' }, z.unknown());
    this.http.setToken(null);
  }

  /**
   * POST /instruments/subscription. A 429 is retried (XTS did not act; and if it had, the retry
   * would come back "already subscribed", which is fine). When a batch is refused as already
   * subscribed we cannot tell which of its instruments the session lacks — XTS may have subscribed
   * none of them — so a batch is then subscribed instrument by instrument.
   */
  async subscribe(code: XtsMdMessageCode, refs: readonly XtsInstrumentRef[]): Promise<XtsSubscribeResult> {
    if (refs.length === 0) return { quotes: [], alreadySubscribed: [] };
    try {
      const result = await this.http.result(
        { method: 'POST', path: '/instruments/subscription', json: { instruments: wire(refs), xtsMessageCode: code }, retryOn429: true },
        XtsMdQuotesResultSchema,
      );
      return { quotes: parseQuotes(result.listQuotes), alreadySubscribed: [] };
    } catch (error) {
      if (!isAlreadySubscribed(error)) throw error;
    }
    if (refs.length > 1) {
      const combined: XtsSubscribeResult = { quotes: [], alreadySubscribed: [] };
      for (const ref of refs) {
        const one = await this.subscribe(code, [ref]);
        combined.quotes.push(...one.quotes);
        combined.alreadySubscribed.push(...one.alreadySubscribed);
      }
      return combined;
    }
    return { quotes: await this.snapshotOrNothing(code, refs), alreadySubscribed: [...refs] };
  }

  /** PUT /instruments/subscription (same body as subscribe). The answer's shape is not documented and is not read. */
  async unsubscribe(code: XtsMdMessageCode, refs: readonly XtsInstrumentRef[]): Promise<void> {
    if (refs.length === 0) return;
    await this.http.result({ method: 'PUT', path: '/instruments/subscription', json: { instruments: wire(refs), xtsMessageCode: code }, retryOn429: true }, z.unknown());
  }

  /** POST /instruments/quotes: the current full message per instrument (publishFormat is required). */
  async quotes(code: XtsMdMessageCode, refs: readonly XtsInstrumentRef[]): Promise<XtsQuoteState[]> {
    if (refs.length === 0) return [];
    const result = await this.http.result(
      { method: 'POST', path: '/instruments/quotes', json: { instruments: wire(refs), xtsMessageCode: code, publishFormat: 'JSON' }, retryOn429: true },
      XtsMdQuotesResultSchema,
    );
    return parseQuotes(result.listQuotes);
  }

  /** POST /instruments/master: the F&O contracts of these segments, parsed (FreezeQty included). */
  async master(segments: readonly XtsSegment[]): Promise<XtsMasterImport> {
    const text = await this.http.result({ method: 'POST', path: '/instruments/master', json: { exchangeSegmentList: [...segments] }, retryOn429: true }, XtsMdMasterResultSchema);
    return parseXtsInstrumentMaster(text);
  }

  /**
   * GET /instruments/indexlist: the indices of a cash segment (the F&O master lists none), each
   * with the ExchangeInstrumentID it streams by. The segment goes as its number, as brokers'
   * documentation writes it (`?exchangeSegment=1`); Symphony's Python SDK example passes the name.
   */
  async indexList(segment: 'NSECM' | 'BSECM'): Promise<XtsIndexEntry[]> {
    const result = await this.http.result(
      { method: 'GET', path: '/instruments/indexlist', query: { exchangeSegment: XTS_SEGMENTS[segment].code }, retryOn429: true },
      XtsMdIndexListResultSchema,
    );
    return parseXtsIndexList(result.indexList);
  }

  /** A snapshot is a courtesy (the socket brings the next one): only a lost session is worth throwing for. */
  private async snapshotOrNothing(code: XtsMdMessageCode, refs: readonly XtsInstrumentRef[]): Promise<XtsQuoteState[]> {
    try {
      return await this.quotes(code, refs);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'BROKER_SESSION_EXPIRED') throw error;
      return [];
    }
  }
}
