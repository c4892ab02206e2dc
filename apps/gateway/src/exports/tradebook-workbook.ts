import ExcelJS from 'exceljs';
import { addPaise, divRoundPaise, instrumentIdParts, ZERO_PAISE, type Instrument, type Paise, type Trade, type Tradebook } from '@strikedesk/domain';

const IST_OFFSET_MS = 330 * 60_000;
const RUPEES = '#,##0.00';

/**
 * A spreadsheet cell for an amount: rupees as a number, so Excel can sum it. The one division
 * is correctly rounded, so the cell holds the double nearest the exact amount (₹245.35 for 24,535
 * paise) — what typing the amount into Excel gives. All arithmetic before it is in integer paise.
 */
const rupees = (amount: Paise): number => amount / 100;

/**
 * The IST wall-clock time of an instant as a Date whose UTC fields read it: Excel stores times
 * without a zone, and exceljs writes a Date's UTC fields. The cell then shows 09:15, not 03:45.
 */
const istCell = (epochMs: number): Date => new Date(epochMs + IST_OFFSET_MS);

const optionType = (instrument: Instrument | undefined): string => (instrument?.kind === 'CALL' ? 'CE' : instrument?.kind === 'PUT' ? 'PE' : instrument?.kind === 'FUTURE' ? 'FUT' : '');

const TRADE_COLUMNS: Partial<ExcelJS.Column>[] = [
  { header: 'Executed (IST)', key: 'executedAt', width: 20, style: { numFmt: 'yyyy-mm-dd hh:mm:ss' } },
  { header: 'Exchange', key: 'exchange', width: 9 },
  { header: 'Symbol', key: 'symbol', width: 24 },
  { header: 'Instrument', key: 'instrument', width: 28 },
  { header: 'Underlying', key: 'underlying', width: 12 },
  { header: 'Expiry', key: 'expiry', width: 11 },
  { header: 'Strike', key: 'strike', width: 11, style: { numFmt: RUPEES } },
  { header: 'Type', key: 'type', width: 6 },
  { header: 'Side', key: 'side', width: 6 },
  { header: 'Product', key: 'product', width: 8 },
  { header: 'Quantity', key: 'quantity', width: 10, style: { numFmt: '#,##0' } },
  { header: 'Lots', key: 'lots', width: 7 },
  { header: 'Price (₹)', key: 'price', width: 12, style: { numFmt: RUPEES } },
  { header: 'Value (₹)', key: 'value', width: 15, style: { numFmt: RUPEES } },
  { header: 'Trade ID', key: 'tradeId', width: 18 },
  { header: 'Order ID', key: 'orderId', width: 20 },
  { header: 'Broker order ID', key: 'brokerOrderId', width: 20 },
  { header: 'Client order ID', key: 'clientOrderId', width: 24 },
  { header: 'Origin', key: 'origin', width: 14 },
  { header: 'Strategy', key: 'strategyId', width: 38 },
  { header: 'Portfolio', key: 'portfolioId', width: 38 },
];

const SUMMARY_COLUMNS: Partial<ExcelJS.Column>[] = [
  { header: 'Symbol', key: 'symbol', width: 24 },
  { header: 'Instrument', key: 'instrument', width: 28 },
  { header: 'Product', key: 'product', width: 8 },
  { header: 'Trades', key: 'trades', width: 8 },
  { header: 'Bought', key: 'boughtQuantity', width: 10, style: { numFmt: '#,##0' } },
  { header: 'Avg buy (₹)', key: 'averageBuy', width: 12, style: { numFmt: RUPEES } },
  { header: 'Buy value (₹)', key: 'buyValue', width: 15, style: { numFmt: RUPEES } },
  { header: 'Sold', key: 'soldQuantity', width: 10, style: { numFmt: '#,##0' } },
  { header: 'Avg sell (₹)', key: 'averageSell', width: 12, style: { numFmt: RUPEES } },
  { header: 'Sell value (₹)', key: 'sellValue', width: 15, style: { numFmt: RUPEES } },
  { header: 'Net quantity', key: 'netQuantity', width: 12, style: { numFmt: '#,##0' } },
  { header: 'Net cash flow (₹)', key: 'cashFlow', width: 17, style: { numFmt: RUPEES } },
];

/** The sheets' names; the CSV is the first. */
export const TRADEBOOK_SHEET = 'Tradebook';
export const SUMMARY_SHEET = 'Summary';

function tradeRow(trade: Trade, instrument: Instrument | undefined): Record<string, unknown> {
  const { exchange, symbol } = instrumentIdParts(trade.instrumentId);
  return {
    executedAt: istCell(trade.executedAt),
    exchange,
    symbol,
    instrument: instrument?.displayName ?? symbol,
    underlying: instrument?.underlying ?? '',
    expiry: instrument?.expiry ?? '',
    strike: instrument?.strike == null ? null : rupees(instrument.strike),
    type: optionType(instrument),
    side: trade.side,
    product: trade.product,
    quantity: trade.quantity,
    lots: instrument ? trade.quantity / instrument.lotSize : null,
    price: rupees(trade.price),
    value: rupees(trade.value),
    tradeId: trade.tradeId,
    orderId: trade.orderId,
    brokerOrderId: trade.brokerOrderId ?? '',
    clientOrderId: trade.clientOrderId,
    origin: trade.origin,
    strategyId: trade.strategyId ?? '',
    portfolioId: trade.portfolioId ?? '',
  };
}

type Totals = { symbol: string; instrument: string; product: string; trades: number; bought: number; buyValue: Paise; sold: number; sellValue: Paise };

/** Per instrument and product, in the order first traded: what was bought and sold, and the cash it moved (sells in, buys out). */
function summaryRows(book: Tradebook, instruments: ReadonlyMap<string, Instrument>): Record<string, unknown>[] {
  const totals = new Map<string, Totals>();
  for (const trade of book.trades) {
    const key = `${trade.instrumentId} ${trade.product}`;
    let entry = totals.get(key);
    if (!entry) {
      const { symbol } = instrumentIdParts(trade.instrumentId);
      entry = { symbol, instrument: instruments.get(trade.instrumentId)?.displayName ?? symbol, product: trade.product, trades: 0, bought: 0, buyValue: ZERO_PAISE, sold: 0, sellValue: ZERO_PAISE };
      totals.set(key, entry);
    }
    entry.trades += 1;
    if (trade.side === 'BUY') {
      entry.bought += trade.quantity;
      entry.buyValue = addPaise(entry.buyValue, trade.value);
    } else {
      entry.sold += trade.quantity;
      entry.sellValue = addPaise(entry.sellValue, trade.value);
    }
  }
  return [...totals.values()].map((entry) => ({
    symbol: entry.symbol,
    instrument: entry.instrument,
    product: entry.product,
    trades: entry.trades,
    boughtQuantity: entry.bought,
    averageBuy: entry.bought === 0 ? null : rupees(divRoundPaise(entry.buyValue, entry.bought)),
    buyValue: rupees(entry.buyValue),
    soldQuantity: entry.sold,
    averageSell: entry.sold === 0 ? null : rupees(divRoundPaise(entry.sellValue, entry.sold)),
    sellValue: rupees(entry.sellValue),
    netQuantity: entry.bought - entry.sold,
    cashFlow: rupees((entry.sellValue - entry.buyValue) as Paise),
  }));
}

/**
 * The tradebook as a workbook: every trade on the first sheet (the CSV's content), and a summary
 * per instrument and product. Amounts are rupees with two decimals, times IST.
 */
export function tradebookWorkbook(book: Tradebook, meta: { account: string; createdAt: number }): ExcelJS.Workbook {
  const instruments = new Map(book.instruments.map((instrument) => [instrument.id, instrument]));
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Strikedesk';
  workbook.created = new Date(meta.createdAt);
  workbook.title = `Tradebook ${book.from} to ${book.to} (${meta.account})`;

  const trades = workbook.addWorksheet(TRADEBOOK_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  trades.columns = TRADE_COLUMNS;
  for (const trade of book.trades) trades.addRow(tradeRow(trade, instruments.get(trade.instrumentId)));
  trades.getRow(1).font = { bold: true };
  if (book.trades.length > 0) trades.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: TRADE_COLUMNS.length } };

  const summary = workbook.addWorksheet(SUMMARY_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  summary.columns = SUMMARY_COLUMNS;
  for (const row of summaryRows(book, instruments)) summary.addRow(row);
  summary.getRow(1).font = { bold: true };
  return workbook;
}
