import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { istDate, TradebookSchema, type Order } from '@strikedesk/domain';
import { failureOf, type GatewayClient } from '../testing/gateway-client.ts';
import { marketBuy, pickTradableOption, type TradableOption } from '../testing/market-fixtures.ts';
import { restCall } from '../testing/rest-client.ts';
import { signedInUser } from '../testing/signed-in.ts';
import { startTestStack, type TestStack } from '../testing/test-stack.ts';

let stack: TestStack;
let trader: GatewayClient;
let other: GatewayClient;
let option: TradableOption;
let mine: Order[];
let theirs: Order;
const today = istDate(Date.now());

beforeAll(async () => {
  stack = await startTestStack();
  trader = await signedInUser(stack, 'exporter', 'trader');
  other = await signedInUser(stack, 'neighbour', 'trader');
  option = await pickTradableOption(trader);
  mine = [await trader.trpc.orders.place.mutate(marketBuy(option)), await trader.trpc.orders.place.mutate({ ...marketBuy(option), quantity: 2 * option.instrument.lotSize })];
  theirs = await other.trpc.orders.place.mutate(marketBuy(option));
  for (const order of [...mine, theirs]) expect(order.status).toBe('FILLED');
}, 90_000);
afterAll(async () => {
  await stack?.close();
});

const download = (client: GatewayClient | null, path: string, init: RequestInit = {}) =>
  fetch(`${stack.gateway.url}${path}`, { ...init, headers: client?.state.token ? { authorization: `Bearer ${client.state.token}` } : {} });

describe('orders.trades', () => {
  it("lists today's fills of the caller's own account with their instruments", async () => {
    const book = await trader.trpc.orders.trades.query({ from: today, to: today });
    expect(book.trades.map((trade) => [trade.orderId, trade.quantity, trade.price, trade.value])).toEqual(mine.map((order) => [order.orderId, order.filledQuantity, order.filledValue / order.filledQuantity, order.filledValue]));
    expect(book.instruments.map((instrument) => instrument.id)).toEqual([option.instrument.id]);
    expect((await other.trpc.orders.trades.query({ from: today, to: today })).trades.map((trade) => trade.orderId)).toEqual([theirs.orderId]);
  });

  it('refuses a date that is not one, and a reversed range, saying why', async () => {
    expect(await failureOf(trader.trpc.orders.trades.query({ from: '2026-02-30', to: today }))).toMatchObject({ appCode: 'VALIDATION_FAILED', httpStatus: 400 });
    expect(await failureOf(trader.trpc.orders.trades.query({ from: '2026-12-09', to: '2026-12-01' }))).toMatchObject({
      appCode: 'TRADEBOOK_RANGE_INVALID',
      httpStatus: 400,
      message: 'The start date 2026-12-09 is after the end date 2026-12-01.',
    });
  });
});

describe('GET /api/v1/trades', () => {
  it("answers a program's read key with the same tradebook, and a missing date with VALIDATION_FAILED", async () => {
    const { key } = await trader.trpc.apiKeys.create.mutate({ name: 'books', scopes: ['read'] });
    const answered = await restCall(stack.gateway.url, 'GET', `/api/v1/trades?from=${today}&to=${today}`, { key });
    expect(answered.status).toBe(200);
    expect(TradebookSchema.parse(answered.body)).toEqual(await trader.trpc.orders.trades.query({ from: today, to: today }));
    const missing = await restCall(stack.gateway.url, 'GET', `/api/v1/trades?from=${today}`, { key });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ error: 'VALIDATION_FAILED' });
    expect((missing.body as { message: string }).message).toContain('to');
  });
});

describe('GET /exports/tradebook.xlsx', () => {
  it('downloads the tradebook as a workbook: every trade, and a summary per instrument', async () => {
    const response = await download(trader, `/exports/tradebook.xlsx?from=${today}&to=${today}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="tradebook_${today}_${today}.xlsx"`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());

    const sheet = workbook.getWorksheet('Tradebook');
    expect(sheet?.rowCount).toBe(1 + mine.length);
    const header = (sheet?.getRow(1).values as unknown[]).slice(1);
    const rows = mine.map((_, index) => Object.fromEntries((sheet?.getRow(index + 2).values as unknown[]).slice(1).map((value, column) => [header[column], value])));
    const symbol = option.instrument.id.slice(option.instrument.id.indexOf(':') + 1);
    mine.forEach((order, index) => {
      expect(rows[index]).toMatchObject({
        Exchange: 'NFO',
        Symbol: symbol,
        Instrument: option.instrument.displayName,
        Type: 'CE',
        Side: 'BUY',
        Product: 'MIS',
        Quantity: order.filledQuantity,
        Lots: order.filledQuantity / option.instrument.lotSize,
        'Price (₹)': order.filledValue / order.filledQuantity / 100,
        'Value (₹)': order.filledValue / 100,
        'Order ID': order.orderId,
        Origin: 'TERMINAL',
      });
      // The execution time as IST wall-clock (a date cell), within the test's run.
      const executed = rows[index]?.['Executed (IST)'] as Date;
      expect(executed).toBeInstanceOf(Date);
      expect(executed.toISOString().slice(0, 10)).toBe(today);
      expect(Math.abs(executed.getTime() - 330 * 60_000 - order.updatedAt)).toBeLessThan(5_000);
    });

    const summary = workbook.getWorksheet('Summary');
    expect(summary?.rowCount).toBe(2);
    const totalUnits = mine.reduce((sum, order) => sum + order.filledQuantity, 0);
    const totalValue = mine.reduce((sum, order) => sum + order.filledValue, 0);
    expect((summary?.getRow(2).values as unknown[]).slice(1)).toEqual([symbol, option.instrument.displayName, 'MIS', 2, totalUnits, Math.round(totalValue / totalUnits) / 100, totalValue / 100, 0, undefined, 0, totalUnits, -totalValue / 100]);
  });

  it('downloads the same trades as CSV that Excel opens as UTF-8', async () => {
    const response = await download(other, `/exports/tradebook.csv?from=${today}&to=${today}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).split('\n');
    expect(lines[0]).toMatch(/^Executed \(IST\),Exchange,Symbol,Instrument,.*,Price \(₹\),Value \(₹\),Trade ID,Order ID,/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`,${theirs.orderId},`);
    expect(lines[1]).toMatch(new RegExp(`^${today} \\d{2}:\\d{2}:\\d{2},NFO,`));
  });

  it('answers a clear error without a token, for bad dates, an unknown export and another method', async () => {
    const refused = async (response: Response) => ({ status: response.status, body: (await response.json()) as { error: string; message: string } });
    expect(await refused(await download(null, `/exports/tradebook.xlsx?from=${today}&to=${today}`))).toEqual({ status: 401, body: { error: 'UNAUTHENTICATED', message: 'Please log in.' } });
    expect(await refused(await download(trader, `/exports/tradebook.xlsx?from=${today}`))).toMatchObject({ status: 400, body: { error: 'VALIDATION_FAILED' } });
    expect(await refused(await download(trader, `/exports/tradebook.xlsx?from=2026-12-09&to=2025-01-01`))).toMatchObject({ status: 400, body: { error: 'TRADEBOOK_RANGE_INVALID' } });
    expect(await refused(await download(trader, `/exports/tradebook.pdf?from=${today}&to=${today}`))).toMatchObject({ status: 404, body: { error: 'VALIDATION_FAILED' } });
    const post = await download(trader, `/exports/tradebook.csv?from=${today}&to=${today}`, { method: 'POST' });
    expect(post.headers.get('allow')).toBe('GET');
    expect(await refused(post)).toMatchObject({ status: 405, body: { error: 'VALIDATION_FAILED' } });
  });
});
