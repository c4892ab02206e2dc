import { EXCHANGES, parseRupees, type Exchange, type InstrumentId, type InstrumentKind, type Paise } from '@strikedesk/domain';
import { underlyingOfIndex } from '../../../instruments/index-underlyings.ts';
import { kiteBadResponse } from './kite-errors.ts';
import type { KiteHttp } from './kite-http.ts';
import { toInstrumentId } from './kite-units.ts';

/**
 * Kite's instrument master: GET /instruments[/EXCHANGE] → a gzipped CSV, regenerated daily
 * (`instrument_token,exchange_token,tradingsymbol,name,last_price,expiry,strike,tick_size,lot_size,
 * instrument_type,segment,exchange`). We keep what our instrument master holds — index, futures
 * and options on NSE/NFO/BSE/BFO — and count the rest (equities, currencies, commodities) as skipped.
 * Strikes and ticks are decimal text in the file and are parsed as text into paise, never via float.
 */
export type KiteInstrument = {
  id: InstrumentId;
  /** What the ticker subscribes with (tokens can be reused after an expiry: refresh daily). */
  instrumentToken: number;
  exchangeToken: number;
  exchange: Exchange;
  tradingSymbol: string;
  /** NIFTY for NIFTY's index, futures and options. */
  underlying: string;
  kind: InstrumentKind;
  expiry: string | null;
  /** Derived: the last listed expiry of a calendar month is the monthly series. */
  expiryType: 'WEEKLY' | 'MONTHLY' | null;
  strike: Paise | null;
  /** Units per lot (0 for an index, which is not traded). */
  lotSize: number;
  tickSize: Paise;
  tradable: boolean;
};

export type InstrumentImport = { instruments: KiteInstrument[]; skipped: number };

const KIND_BY_TYPE: Record<string, InstrumentKind> = { CE: 'CALL', PE: 'PUT', FUT: 'FUTURE' };
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Older files leave `name` empty for derivatives: the underlying is the symbol up to its YY + month code. */
const SYMBOL_UNDERLYING = /^([A-Z&-]+?)\d{2}(?:[A-Z]{3}|[1-9OND]\d{2})/;

const COLUMNS = ['instrument_token', 'exchange_token', 'tradingsymbol', 'name', 'expiry', 'strike', 'tick_size', 'lot_size', 'instrument_type', 'segment', 'exchange'] as const;
type Column = (typeof COLUMNS)[number];

/** RFC 4180 rows: quoted fields may hold commas, doubled quotes and line breaks. */
export function* csvRows(text: string): Generator<string[]> {
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      yield row;
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    yield row;
  }
}

function parseRow(cell: (column: Column) => string): KiteInstrument | null {
  const exchange = cell('exchange') as Exchange;
  if (!(EXCHANGES as readonly string[]).includes(exchange)) return null;
  const type = cell('instrument_type');
  const isIndex = type === 'EQ' && cell('segment') === 'INDICES';
  const kind = isIndex ? 'INDEX' : KIND_BY_TYPE[type];
  if (!kind) return null;
  const tradingSymbol = cell('tradingsymbol');
  const id = toInstrumentId(exchange, tradingSymbol);
  const tickSize = parseRupees(cell('tick_size') || '0');
  const lotSize = Number(cell('lot_size'));
  const instrumentToken = Number(cell('instrument_token'));
  if (id === null || tickSize === null || !Number.isSafeInteger(lotSize) || !Number.isSafeInteger(instrumentToken)) return null;
  const expiry = ISO_DATE.test(cell('expiry')) ? cell('expiry') : null;
  if (kind !== 'INDEX' && (expiry === null || lotSize <= 0)) return null;
  const isOption = kind === 'CALL' || kind === 'PUT';
  const strike = isOption ? parseRupees(cell('strike')) : null;
  if (isOption && (strike === null || strike <= 0)) return null;
  const name = cell('name').trim();
  // Kite names indices by their display names; our underlyings use the derivatives' prefix.
  const underlying = isIndex ? underlyingOfIndex(name) : name || (SYMBOL_UNDERLYING.exec(tradingSymbol)?.[1] ?? tradingSymbol);
  return {
    id,
    instrumentToken,
    exchangeToken: Number(cell('exchange_token')) || 0,
    exchange,
    tradingSymbol,
    underlying,
    kind,
    expiry,
    expiryType: null,
    strike,
    lotSize,
    tickSize,
    tradable: !isIndex,
  };
}

/**
 * Kite's file has no weekly/monthly flag. NSE lists a monthly contract for every month it lists
 * weeklies in, expiring last, so per underlying the latest expiry of each month is the monthly one.
 */
function markExpiryTypes(instruments: KiteInstrument[]): void {
  const lastOfMonth = new Map<string, string>();
  for (const instrument of instruments) {
    if (instrument.expiry === null) continue;
    const key = `${instrument.exchange}|${instrument.underlying}|${instrument.expiry.slice(0, 7)}`;
    const known = lastOfMonth.get(key);
    if (known === undefined || instrument.expiry > known) lastOfMonth.set(key, instrument.expiry);
  }
  for (const instrument of instruments) {
    if (instrument.expiry === null) continue;
    const key = `${instrument.exchange}|${instrument.underlying}|${instrument.expiry.slice(0, 7)}`;
    instrument.expiryType = instrument.kind === 'FUTURE' || lastOfMonth.get(key) === instrument.expiry ? 'MONTHLY' : 'WEEKLY';
  }
}

/** The CSV text → our instruments (header-driven, so a reordered or extended file still reads). */
export function parseInstrumentsCsv(text: string): InstrumentImport {
  const rows = csvRows(text);
  const header = rows.next();
  if (header.done) return { instruments: [], skipped: 0 };
  const index = new Map(header.value.map((name, position) => [name.trim(), position]));
  const missing = COLUMNS.filter((column) => !index.has(column));
  if (missing.length > 0) throw new Error(`instruments CSV lacks columns: ${missing.join(', ')}`);
  const instruments: KiteInstrument[] = [];
  let skipped = 0;
  for (const row of rows) {
    if (row.length === 1 && row[0] === '') continue;
    const instrument = parseRow((column) => row[index.get(column) ?? -1] ?? '');
    if (instrument) instruments.push(instrument);
    else skipped += 1;
  }
  markExpiryTypes(instruments);
  return { instruments, skipped };
}

/** Downloads and parses the master (all exchanges, or one). Large: ~100k rows, so a long timeout. */
export async function fetchInstruments(http: KiteHttp, exchange?: Exchange): Promise<InstrumentImport> {
  const path = exchange ? `/instruments/${exchange}` : '/instruments';
  const text = (await http.bytes({ method: 'GET', path, timeoutMs: 60_000 })).toString('utf8');
  try {
    return parseInstrumentsCsv(text);
  } catch (error) {
    throw kiteBadResponse(text.slice(0, 2_000), error instanceof Error ? error.message : String(error), { method: 'GET', path, httpStatus: 200 });
  }
}
