/**
 * npm run bench:engine-ceiling — how fast could the in-memory core be in Node on this machine?
 * (docs/adr/0023-engine-speed-targets.md). Not the engine: a kernel that does the per-command work
 * of `npm run bench:engine`'s part 1 with the state laid out for speed — every account's hot
 * numbers (rate windows, open count, day P&L terms, per-instrument working totals, net quantity,
 * open cost, realized P&L) in typed arrays indexed by (account, instrument), orders in columns by
 * their number — and nothing else: no validation messages, no product split, no strategy books,
 * no snapshots. It still pays for what no layout removes: string ids in and out (account lookup,
 * order ids, client order ids in an idempotency map, trade ids in a dedup set) and one journal
 * event object per record. Same flow as part 1: 1,000 accounts, 6 instruments each, 77% submits
 * (45% MARKET, 35% LIMIT at the touch, 20% resting), 9% modifies, 14% cancels, the broker's
 * answers folded, 6 commands per account per simulated second. Its figure is a ceiling for a
 * redesign, not a result: the real core does more per command.
 */
import { median, percentiles, round, thousands } from './engine/stats.ts';

const ACCOUNTS = 1_000;
const INSTRUMENTS = 112;
const PER_ACCOUNT = 6;
const LOT = 75;
const MAX_ORDERS = 1 << 21;
const SECOND_WINDOW = 16; // ring of the last 16 message times per account (limit 10/s)
const MINUTE_WINDOW = 512; // ring of the last 512 (limit 400/min)

let seed = 7;
const random = (): number => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};

// Market: bid/ask/last per instrument, paise.
const bid = new Float64Array(INSTRUMENTS);
const ask = new Float64Array(INSTRUMENTS);
for (let i = 0; i < INSTRUMENTS; i += 1) {
  bid[i] = 10_000 + i * 500;
  ask[i] = (bid[i] as number) + 5;
}
const instrumentIds = Array.from({ length: INSTRUMENTS }, (_, i) => `NFO:NIFTY26DEC${24_000 + i * 50}CE`);
const instrumentIndex = new Map(instrumentIds.map((id, i) => [id, i]));

// Accounts: ids in, index out; hot numbers in typed arrays.
const accountIds = Array.from({ length: ACCOUNTS }, (_, i) => `a0000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`);
const accountIndex = new Map(accountIds.map((id, i) => [id, i]));
const traded = Array.from({ length: ACCOUNTS }, () => Array.from({ length: PER_ACCOUNT }, () => instrumentIds[Math.floor(random() * INSTRUMENTS)] as string));
const halted = new Uint8Array(ACCOUNTS);
halted[ACCOUNTS - 1] = 1;
const secondRing = new Float64Array(ACCOUNTS * SECOND_WINDOW);
const secondHead = new Int32Array(ACCOUNTS);
const minuteRing = new Float64Array(ACCOUNTS * MINUTE_WINDOW);
const minuteHead = new Int32Array(ACCOUNTS);
const dayCount = new Int32Array(ACCOUNTS);
const openCount = new Int32Array(ACCOUNTS);
const pnlConstant = new Float64Array(ACCOUNTS);
const slot = (account: number, instrument: number): number => account * INSTRUMENTS + instrument;
const workingBuy = new Float64Array(ACCOUNTS * INSTRUMENTS);
const workingSell = new Float64Array(ACCOUNTS * INSTRUMENTS);
const net = new Float64Array(ACCOUNTS * INSTRUMENTS);
const openCost = new Float64Array(ACCOUNTS * INSTRUMENTS);
const realized = new Float64Array(ACCOUNTS * INSTRUMENTS);
const clientOrderIds = Array.from({ length: ACCOUNTS }, () => new Map<string, number>());
const tradeIds = Array.from({ length: ACCOUNTS }, () => new Set<string>());
const resting: number[][] = Array.from({ length: ACCOUNTS }, () => []);

// Orders in columns by number.
const orderAccount = new Int32Array(MAX_ORDERS);
const orderInstrument = new Int32Array(MAX_ORDERS);
const orderSide = new Int8Array(MAX_ORDERS); // 1 buy, -1 sell
const orderQuantity = new Int32Array(MAX_ORDERS);
const orderFilled = new Int32Array(MAX_ORDERS);
const orderPrice = new Float64Array(MAX_ORDERS);
const orderStatus = new Uint8Array(MAX_ORDERS); // 1 submitted, 2 open, 3 filled, 4 cancel requested, 5 canceled
const orderIds: string[] = [''];
const brokerOrderIds: string[] = [''];
let orders = 0;
let trades = 0;
let now = Date.UTC(2026, 11, 9, 5, 30);
const journal: object[] = new Array(4_096);
let records = 0;
const record = (event: object): void => {
  journal[records++ & 4_095] = event; // the event object is made; what keeps it is the writer's business
};

/** The rate windows: messages in the last second and minute, and today. */
function rateAllows(account: number, messages: number): boolean {
  const second = secondRing[account * SECOND_WINDOW + ((secondHead[account] as number) + SECOND_WINDOW - 10 + messages) % SECOND_WINDOW] as number;
  if (second > now - 1_000) return false;
  const minute = minuteRing[account * MINUTE_WINDOW + ((minuteHead[account] as number) + MINUTE_WINDOW - 400 + messages) % MINUTE_WINDOW] as number;
  return minute <= now - 60_000 && (dayCount[account] as number) + messages <= 5_000;
}

function countMessage(account: number): void {
  secondRing[account * SECOND_WINDOW + (secondHead[account] as number)] = now;
  secondHead[account] = ((secondHead[account] as number) + 1) % SECOND_WINDOW;
  minuteRing[account * MINUTE_WINDOW + (minuteHead[account] as number)] = now;
  minuteHead[account] = ((minuteHead[account] as number) + 1) % MINUTE_WINDOW;
  dayCount[account] = (dayCount[account] as number) + 1;
}

function fill(order: number, price: number): void {
  const account = orderAccount[order] as number;
  const s = slot(account, orderInstrument[order] as number);
  const side = orderSide[order] as number;
  const quantity = (orderQuantity[order] as number) - (orderFilled[order] as number);
  const tradeId = `P-${(trades += 1)}`;
  const seen = tradeIds[account] as Set<string>;
  if (seen.has(tradeId)) return;
  seen.add(tradeId);
  record({ type: 'OrderFilled', accountId: accountIds[account], orderId: orderIds[order], at: now, tradeId, quantity, price });
  orderFilled[order] = orderQuantity[order] as number;
  orderStatus[order] = 3;
  openCount[account] = (openCount[account] as number) - 1;
  if (side === 1) workingBuy[s] = (workingBuy[s] as number) - quantity;
  else workingSell[s] = (workingSell[s] as number) - quantity;
  // Average-cost position: a reduction realizes against the open cost, an increase adds to it.
  const before = net[s] as number;
  const signed = side * quantity;
  if (before === 0 || Math.sign(before) === side) openCost[s] = (openCost[s] as number) + signed * price;
  else {
    const closed = Math.min(Math.abs(before), quantity);
    const average = (openCost[s] as number) / before;
    realized[s] = (realized[s] as number) + closed * (price - average) * -side;
    openCost[s] = (openCost[s] as number) - average * closed * -side + (quantity > closed ? side * (quantity - closed) * price : 0);
  }
  net[s] = before + signed;
  pnlConstant[account] = (pnlConstant[account] as number) - signed * price;
}

function submit(accountId: string): void {
  const account = accountIndex.get(accountId) as number;
  const instrumentId = (traded[account] as string[])[Math.floor(random() * PER_ACCOUNT)] as string;
  const instrument = instrumentIndex.get(instrumentId) as number;
  const side = random() < 0.5 ? 1 : -1;
  const quantity = (1 + Math.floor(random() * 4)) * LOT;
  const r = random();
  const touch = side === 1 ? (ask[instrument] as number) : (bid[instrument] as number);
  const price = r < 0.45 ? 0 : r < 0.8 ? touch : touch * (1 - side * 0.03);
  // Pre-trade: halt, rate, open orders, order value, price band, exposure per instrument and per underlying, daily loss.
  if (halted[account] === 1 || !rateAllows(account, 1) || (openCount[account] as number) >= 500) return void record({ type: 'OrderDenied', accountId, instrumentId });
  const s = slot(account, instrument);
  const worst = Math.max(Math.abs((net[s] as number) + (workingBuy[s] as number) + (side === 1 ? quantity : 0)), Math.abs((net[s] as number) - (workingSell[s] as number) - (side === 1 ? 0 : quantity)));
  let underlying = 0;
  for (let k = 0; k < PER_ACCOUNT; k += 1) underlying += Math.abs(net[slot(account, instrumentIndex.get((traded[account] as string[])[k] as string) as number)] as number);
  let dayPnl = pnlConstant[account] as number;
  for (let k = 0; k < PER_ACCOUNT; k += 1) {
    const i = instrumentIndex.get((traded[account] as string[])[k] as string) as number;
    dayPnl += (net[slot(account, i)] as number) * (bid[i] as number);
  }
  if (price !== 0 && Math.abs(price - touch) * 100 > 20 * touch) return void record({ type: 'OrderDenied', accountId, instrumentId });
  if (quantity / LOT > 500 || worst / LOT > 400 || underlying / LOT > 4_000 || dayPnl < -5e9) return void record({ type: 'OrderDenied', accountId, instrumentId });
  // Accepted by us: journal, fold.
  const order = (orders += 1);
  const orderId = `261209-${order}`;
  const clientOrderId = `sd-${orderId}`;
  orderIds[order] = orderId;
  (clientOrderIds[account] as Map<string, number>).set(clientOrderId, order);
  record({ type: 'OrderSubmitted', orderId, clientOrderId, accountId, userId: accountId, at: now, spec: { instrumentId, side, type: price === 0 ? 'MARKET' : 'LIMIT', product: 'NRML', quantity, price, triggerPrice: null }, origin: 'TERMINAL' });
  orderAccount[order] = account;
  orderInstrument[order] = instrument;
  orderSide[order] = side;
  orderQuantity[order] = quantity;
  orderPrice[order] = price;
  orderStatus[order] = 1;
  openCount[account] = (openCount[account] as number) + 1;
  if (side === 1) workingBuy[s] = (workingBuy[s] as number) + quantity;
  else workingSell[s] = (workingSell[s] as number) + quantity;
  countMessage(account);
  // The broker accepts, and fills what is marketable.
  const brokerOrderId = `PB-${order}`;
  record({ type: 'OrderAccepted', accountId, orderId, at: now, brokerOrderId });
  brokerOrderIds[order] = brokerOrderId;
  orderStatus[order] = 2;
  if (price === 0 || price === touch) fill(order, touch);
  else (resting[account] as number[]).push(order);
}

function modifyOrCancel(accountId: string, cancel: boolean): void {
  const account = accountIndex.get(accountId) as number;
  const list = resting[account] as number[];
  const at = Math.floor(random() * list.length);
  const order = list[at] as number;
  if (orderStatus[order] !== 2) throw new Error('not open');
  const orderId = orderIds[order] as string;
  if (cancel) {
    list[at] = list[list.length - 1] as number;
    list.pop();
    record({ type: 'OrderCancelRequested', accountId, orderId, at: now });
    orderStatus[order] = 4;
    record({ type: 'OrderCanceled', accountId, orderId, at: now });
    orderStatus[order] = 5;
    openCount[account] = (openCount[account] as number) - 1;
    const s = slot(account, orderInstrument[order] as number);
    if (orderSide[order] === 1) workingBuy[s] = (workingBuy[s] as number) - (orderQuantity[order] as number);
    else workingSell[s] = (workingSell[s] as number) - (orderQuantity[order] as number);
    return;
  }
  if (!rateAllows(account, 1)) return void record({ type: 'Refused', accountId, orderId });
  const price = (orderPrice[order] as number) * (1 + (random() - 0.5) * 0.01);
  record({ type: 'OrderModifyRequested', accountId, orderId, at: now, quantity: orderQuantity[order], orderType: 'LIMIT', price, triggerPrice: null });
  countMessage(account);
  record({ type: 'OrderModified', accountId, orderId, at: now, quantity: orderQuantity[order], orderType: 'LIMIT', price, triggerPrice: null });
  orderPrice[order] = price;
}

function step(): void {
  for (let i = 0; i < INSTRUMENTS; i += 1) {
    const move = Math.round((random() - 0.5) * 4) * 5;
    bid[i] = Math.max(5, (bid[i] as number) + move);
    ask[i] = (bid[i] as number) + 5;
  }
}

const batches: { perSec: number; p99: number }[] = [];
const latencies = new Float64Array(50_000);
let nextStep = now + 250;
for (let batch = 0; batch < 10; batch += 1) {
  let measured = 0n;
  for (let index = 0; index < 50_000; index += 1) {
    now += 1_000 / (ACCOUNTS * 6);
    if (now >= nextStep) {
      step();
      nextStep = now + 250;
    }
    const accountId = accountIds[Math.floor(random() * ACCOUNTS)] as string;
    const account = accountIndex.get(accountId) as number;
    const restingCount = (resting[account] as number[]).length;
    const r = random();
    const t0 = process.hrtime.bigint();
    if (restingCount >= 8 || (restingCount > 0 && r >= 0.92)) modifyOrCancel(accountId, true);
    else if (restingCount > 0 && r >= 0.82) modifyOrCancel(accountId, false);
    else submit(accountId);
    const elapsed = process.hrtime.bigint() - t0;
    measured += elapsed;
    latencies[index] = Number(elapsed) / 1_000;
  }
  if (batch >= 2) batches.push({ perSec: 50_000 / (Number(measured) / 1e9), p99: percentiles(latencies).p99 });
}
console.log(`ceiling kernel: ${thousands(median(batches.map((b) => b.perSec)))} commands/s, p99 ${round(median(batches.map((b) => b.p99)), 2)} µs (median of 8 batches of 50,000 after 100,000 warm-up; ${thousands(orders)} orders, ${thousands(records)} event objects)`);
