import { paise, type Instrument, type InstrumentKind } from '@strikedesk/domain';
import { XTS_SEGMENTS, xtsInstrumentId, xtsNumber, xtsPaise, xtsSegment, type XtsSegment } from '../xts-units.ts';

/**
 * The Market Data API's instrument master (`POST /instruments/master`): one string, rows by "\n",
 * fields by "|". Columns (0-based): 0 ExchangeSegment, 1 ExchangeInstrumentID, 2 InstrumentType
 * (1 future, 2 option, 4 spread), 3 Name, 4 Description (the trading symbol), 5 Series,
 * 6 NameWithSeries, 7 InstrumentID, 8–9 price band, 10 FreezeQty, 11 TickSize, 12 LotSize,
 * 13 Multiplier, 14 UnderlyingInstrumentId, 15 UnderlyingIndexName, 16 ContractExpiration
 * (`2026-01-27T14:30:00`); then options have 17 StrikePrice, 18 OptionType (3 CE, 4 PE),
 * 19 DisplayName (23 fields in all) and futures 17 DisplayName (21 fields). Cash rows (22 fields)
 * are outside our F&O universe and are skipped, as are spreads.
 *
 * Ids: `EXCHANGE:Description` with NSEFO → NFO, BSEFO → BFO (see xts-units.ts), so the same
 * contract has the same id from Kite or XTS.
 */
export type XtsMasterInstrument = Instrument & { segment: XtsSegment; exchangeInstrumentId: number };
export type XtsMasterImport = { instruments: XtsMasterInstrument[]; skipped: number };

const KIND_BY_OPTION_TYPE: Record<string, InstrumentKind> = { '3': 'CALL', '4': 'PUT' };

/**
 * NSE writes FreezeQty as the quantity an order must stay *below* (the limit + 1: 112501 for 30
 * lots of 3,750); BSE writes the limit itself (600 for 20 lots of 30). We keep the largest
 * allowed order, so a value one above a whole number of lots loses that 1.
 */
function freezeQuantity(raw: number, lotSize: number): number {
  return raw > 1 && raw % lotSize === 1 ? raw - 1 : raw;
}

export function parseXtsInstrumentMaster(text: string): XtsMasterImport {
  const instruments: XtsMasterInstrument[] = [];
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const parsed = parseRow(line.replace(/\r$/, '').split('|'));
    if (parsed) instruments.push(parsed);
    else skipped += 1;
  }
  markMonthlyExpiries(instruments);
  return { instruments, skipped };
}

function parseRow(fields: string[]): XtsMasterInstrument | null {
  const segment = xtsSegment(fields[0] ?? '');
  const instrumentType = fields[2];
  if (!segment || (segment !== 'NSEFO' && segment !== 'BSEFO') || (instrumentType !== '1' && instrumentType !== '2')) return null;
  const option = instrumentType === '2';
  if (fields.length < (option ? 20 : 18)) return null;
  const exchangeInstrumentId = xtsNumber(fields[1]);
  const tradingSymbol = fields[4] ?? '';
  const id = xtsInstrumentId(segment, tradingSymbol);
  const lotSize = xtsNumber(fields[12]);
  const tickSize = xtsPaise(fields[11]);
  const freeze = xtsNumber(fields[10]);
  const expiry = /^\d{4}-\d{2}-\d{2}/.exec(fields[16] ?? '')?.[0] ?? null;
  const kind: InstrumentKind | undefined = option ? KIND_BY_OPTION_TYPE[fields[18] ?? ''] : 'FUTURE';
  const strike = option ? xtsPaise(fields[17]) : null;
  if (exchangeInstrumentId === null || !id || !lotSize || lotSize <= 0 || !tickSize || tickSize <= 0 || !freeze || !expiry || !kind || (option && !strike)) return null;
  return {
    id,
    exchange: XTS_SEGMENTS[segment].exchange,
    tradingSymbol,
    underlying: fields[3] ?? '',
    displayName: (option ? fields[19] : fields[17]) || tradingSymbol,
    kind,
    expiry,
    expiryType: null,
    strike: strike === null ? null : paise(strike),
    lotSize,
    tickSize,
    freezeQuantity: freezeQuantity(freeze, lotSize),
    tradable: true,
    segment,
    exchangeInstrumentId,
  };
}

/** The last listed expiry of a calendar month (per underlying) is its monthly series. */
function markMonthlyExpiries(instruments: XtsMasterInstrument[]): void {
  const lastOfMonth = new Map<string, string>();
  for (const row of instruments) {
    if (!row.expiry) continue;
    const key = `${row.underlying}:${row.expiry.slice(0, 7)}`;
    if ((lastOfMonth.get(key) ?? '') < row.expiry) lastOfMonth.set(key, row.expiry);
  }
  for (const row of instruments) {
    if (row.expiry) row.expiryType = lastOfMonth.get(`${row.underlying}:${row.expiry.slice(0, 7)}`) === row.expiry ? 'MONTHLY' : 'WEEKLY';
  }
}
