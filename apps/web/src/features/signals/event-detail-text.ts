import { formatRupees, paise, unitsText } from '@strikedesk/domain';

/** Keys of a timeline detail that hold integer paise. */
const MONEY_KEYS = new Set(['price', 'averagePrice']);
/** Keys that hold a quantity in units (grouped as the orderbook shows them). */
const UNIT_KEYS = new Set(['currentUnits', 'targetUnits', 'quantity', 'filledQuantity', 'limitedFrom', 'lotSize']);
/** Ids a trader has no use for on this screen: the strategy's account, the portfolio (named beside it). */
const HIDDEN_KEYS = new Set(['accountId', 'portfolioId']);

/** The engine's detail keys (apps/engine/src/strategies/process-signal.ts and friends) as a trader reads them. */
const LABELS: Readonly<Record<string, string>> = {
  instrumentId: 'Instrument',
  mode: 'Mode',
  currentUnits: 'Position before (units)',
  targetUnits: 'Target position (units)',
  lotSize: 'Lot size',
  side: 'Side',
  quantity: 'Quantity (units)',
  limitedFrom: 'Limited from (units)',
  limitedBy: 'Limited by',
  clientOrderId: 'Client order id',
  type: 'Order type',
  price: 'Price',
  orderId: 'Order',
  brokerOrderId: 'Broker order id',
  status: 'Status',
  filledQuantity: 'Filled (units)',
  averagePrice: 'Average price',
  reason: 'Reason',
  reasonCode: 'Reason code',
  disarmed: 'Disarmed',
  portfolioName: 'Portfolio',
};

const valueText = (key: string, value: unknown): string => {
  if (MONEY_KEYS.has(key) && typeof value === 'number' && Number.isSafeInteger(value)) return `₹${formatRupees(paise(value))}`;
  if (UNIT_KEYS.has(key) && typeof value === 'number' && Number.isFinite(value)) return unitsText(value);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
};

/**
 * A timeline step's detail as `label: value` texts. The engine writes small flat records (order id,
 * quantities, prices in paise); a key it adds later shows under its own name, anything nested as JSON.
 */
export function eventDetailTexts(detail: Readonly<Record<string, unknown>>): string[] {
  return Object.entries(detail)
    .filter(([key, value]) => value !== null && value !== undefined && value !== '' && !HIDDEN_KEYS.has(key))
    .map(([key, value]) => `${LABELS[key] ?? key}: ${valueText(key, value)}`);
}
