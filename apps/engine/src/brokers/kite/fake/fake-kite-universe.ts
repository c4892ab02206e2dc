import { gzipSync } from 'node:zlib';
import { derivativeTradingSymbol } from '@strikedesk/domain';

/**
 * What the fake Kite lists: a small NIFTY market (index, a future, a weekly and a monthly option
 * series around 24,000), plus rows our importer must skip (an equity, a currency future, a
 * commodity future, a name with a comma). Tokens follow Kite's layout — exchange_token << 8 |
 * segment (1 NSE, 2 NFO, 3 CDS, 7 MCX, 9 indices) — so the ticker fake can derive segments from them.
 * Prices are integer paise here and become rupee numbers only when written to the wire.
 */
export type FakeInstrument = {
  instrumentToken: number;
  exchangeToken: number;
  tradingsymbol: string;
  name: string;
  /** YYYY-MM-DD or '' */
  expiry: string;
  /** paise; 0 when none */
  strike: number;
  tickSize: number;
  lotSize: number;
  instrumentType: 'EQ' | 'FUT' | 'CE' | 'PE';
  segment: string;
  exchange: string;
};

export const instrumentKey = (instrument: Pick<FakeInstrument, 'exchange' | 'tradingsymbol'>): string => `${instrument.exchange}:${instrument.tradingsymbol}`;

const SEGMENT_CODE: Record<string, number> = { NSE: 1, NFO: 2, CDS: 3, MCX: 7, INDICES: 9 };
const token = (exchangeToken: number, segment: string): number => exchangeToken * 256 + (SEGMENT_CODE[segment] ?? 1);

export const FAKE_NIFTY = { underlying: 'NIFTY', lotSize: 65, tickSize: 5, weekly: '2026-12-22', monthly: '2026-12-29' } as const;
export const FAKE_SPOT_PAISE = 2_400_000;

export function defaultFakeUniverse(): FakeInstrument[] {
  const rows: FakeInstrument[] = [
    { instrumentToken: 256265, exchangeToken: 1001, tradingsymbol: 'NIFTY 50', name: 'NIFTY 50', expiry: '', strike: 0, tickSize: 0, lotSize: 0, instrumentType: 'EQ', segment: 'INDICES', exchange: 'NSE' },
    { instrumentToken: 260105, exchangeToken: 1016, tradingsymbol: 'NIFTY BANK', name: 'NIFTY BANK', expiry: '', strike: 0, tickSize: 0, lotSize: 0, instrumentType: 'EQ', segment: 'INDICES', exchange: 'NSE' },
    { instrumentToken: token(1594, 'NSE'), exchangeToken: 1594, tradingsymbol: 'INFY', name: 'INFOSYS', expiry: '', strike: 0, tickSize: 10, lotSize: 1, instrumentType: 'EQ', segment: 'NSE', exchange: 'NSE' },
    { instrumentToken: token(4963, 'NSE'), exchangeToken: 4963, tradingsymbol: 'BHARATFORG', name: 'BHARAT FORGE, LTD', expiry: '', strike: 0, tickSize: 5, lotSize: 1, instrumentType: 'EQ', segment: 'NSE', exchange: 'NSE' },
    { instrumentToken: token(8021, 'CDS'), exchangeToken: 8021, tradingsymbol: 'USDINR26DECFUT', name: 'USDINR', expiry: '2026-12-29', strike: 0, tickSize: 0, lotSize: 1, instrumentType: 'FUT', segment: 'CDS-FUT', exchange: 'CDS' },
    { instrumentToken: token(9102, 'MCX'), exchangeToken: 9102, tradingsymbol: 'GOLDPETAL26DECFUT', name: 'GOLDPETAL', expiry: '2026-12-31', strike: 0, tickSize: 100, lotSize: 1, instrumentType: 'FUT', segment: 'MCX-FUT', exchange: 'MCX' },
  ];
  let exchangeToken = 35_000;
  const nfo = (tradingsymbol: string, expiry: string, strike: number, instrumentType: 'FUT' | 'CE' | 'PE'): FakeInstrument => {
    exchangeToken += 1;
    return {
      instrumentToken: token(exchangeToken, 'NFO'),
      exchangeToken,
      tradingsymbol,
      name: FAKE_NIFTY.underlying,
      expiry,
      strike,
      tickSize: FAKE_NIFTY.tickSize,
      lotSize: FAKE_NIFTY.lotSize,
      instrumentType,
      segment: instrumentType === 'FUT' ? 'NFO-FUT' : 'NFO-OPT',
      exchange: 'NFO',
    };
  };
  rows.push(nfo(derivativeTradingSymbol({ underlying: 'NIFTY', expiry: FAKE_NIFTY.monthly, expiryType: 'MONTHLY', kind: 'FUTURE' }), FAKE_NIFTY.monthly, 0, 'FUT'));
  for (const [expiry, expiryType] of [[FAKE_NIFTY.weekly, 'WEEKLY'], [FAKE_NIFTY.monthly, 'MONTHLY']] as const) {
    for (let strikeRupees = 23_800; strikeRupees <= 24_200; strikeRupees += 50) {
      for (const kind of ['CALL', 'PUT'] as const) {
        const symbol = derivativeTradingSymbol({ underlying: 'NIFTY', expiry, expiryType, kind, strikeRupees });
        rows.push(nfo(symbol, expiry, strikeRupees * 100, kind === 'CALL' ? 'CE' : 'PE'));
      }
    }
  }
  return rows;
}

const roundToTick = (value: number, tick: number): number => (tick > 0 ? Math.max(tick, Math.round(value / tick) * tick) : Math.round(value));

/** A plausible price per instrument (paise): options at intrinsic plus time value, the future at a premium. */
export function defaultFakePrice(instrument: FakeInstrument, spot = FAKE_SPOT_PAISE): number {
  switch (instrument.instrumentType) {
    case 'CE':
    case 'PE': {
      const intrinsic = Math.max(0, instrument.instrumentType === 'CE' ? spot - instrument.strike : instrument.strike - spot);
      const timeValue = Math.max(500, 12_000 - Math.abs(spot - instrument.strike) / 4);
      return roundToTick(intrinsic + timeValue, instrument.tickSize);
    }
    case 'FUT':
      return instrument.exchange === 'NFO' ? roundToTick(spot + 10_000, instrument.tickSize) : 8_400;
    default:
      if (instrument.segment === 'INDICES') return instrument.tradingsymbol === 'NIFTY 50' ? spot : 5_200_000;
      return 150_000;
  }
}

/** Paise as Kite writes them in JSON: a rupee number (1234.5). */
export const rupees = (paise: number): number => paise / 100;

/** Paise as the CSV writes them: "23500.0", "0.05". */
const csvDecimal = (paise: number): string => (paise % 100 === 0 ? `${paise / 100}.0` : (paise / 100).toFixed(2).replace(/0$/, ''));

const csvField = (value: string): string => (/[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

export const INSTRUMENT_CSV_HEADER = 'instrument_token,exchange_token,tradingsymbol,name,last_price,expiry,strike,tick_size,lot_size,instrument_type,segment,exchange';

/** GET /instruments[/EXCHANGE] body: the CSV, gzipped (served with Content-Encoding: gzip). */
export function instrumentsCsvGzip(instruments: readonly FakeInstrument[], lastPrice: (instrument: FakeInstrument) => number, exchange?: string): Buffer {
  const lines = [INSTRUMENT_CSV_HEADER];
  for (const i of instruments) {
    if (exchange && i.exchange !== exchange) continue;
    lines.push(
      [
        String(i.instrumentToken),
        String(i.exchangeToken),
        csvField(i.tradingsymbol),
        csvField(i.name),
        csvDecimal(lastPrice(i)),
        i.expiry,
        csvDecimal(i.strike),
        i.instrumentType === 'FUT' && i.exchange === 'CDS' ? '0.0025' : csvDecimal(i.tickSize),
        String(i.lotSize),
        i.instrumentType,
        i.segment,
        i.exchange,
      ].join(','),
    );
  }
  // CRLF line ends, as in Kite's own file.
  return gzipSync(`${lines.join('\r\n')}\r\n`);
}
