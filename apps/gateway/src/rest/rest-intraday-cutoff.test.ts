import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { OrderSchema } from '@strikedesk/domain';
import type { GatewayClient } from '../testing/gateway-client.ts';
import { marketBuy, pickTradableOption, type TradableOption } from '../testing/market-fixtures.ts';
import { restCall } from '../testing/rest-client.ts';
import { signedInUser } from '../testing/signed-in.ts';
import { startTestStack, type TestStack } from '../testing/test-stack.ts';

// Past the intraday square-off (here from 00:00 IST, so always) a MIS order that opens is DENIED
// INTRADAY_CUTOFF: what every API client meets after 15:15 on a real trading day. The code it gets
// must be one the OpenAPI document names for that operation and status.
let stack: TestStack;
let trader: GatewayClient;
let option: TradableOption;
let key: string;

beforeAll(async () => {
  stack = await startTestStack({ engineEnv: { INTRADAY_SQUARE_OFF_IST: '00:00' } });
  trader = await signedInUser(stack, 'rest-cutoff', 'trader');
  option = await pickTradableOption(trader);
  ({ key } = await trader.trpc.apiKeys.create.mutate({ name: 'algo', scopes: ['trade'] }));
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

const OperationSchema = z.object({ responses: z.record(z.string(), z.object({ description: z.string() })) });

describe('REST errors are the ones the OpenAPI document names', () => {
  it('a MIS order past the intraday cut-off: 412 INTRADAY_CUTOFF, documented for placeOrder', async () => {
    const denied = await restCall(stack.gateway.url, 'POST', '/api/v1/orders', { key, body: marketBuy(option) });
    expect(denied.status).toBe(412);
    const body = z.object({ error: z.string(), message: z.string(), order: OrderSchema }).parse(denied.body);
    expect(body).toMatchObject({ error: 'INTRADAY_CUTOFF', order: { status: 'DENIED', reasonCode: 'INTRADAY_CUTOFF' } });

    const document = z.object({ paths: z.record(z.string(), z.record(z.string(), z.unknown())) }).parse((await restCall(stack.gateway.url, 'GET', '/api/v1/openapi.json')).body);
    const placeOrder = OperationSchema.parse(document.paths['/api/v1/orders']?.['post']);
    expect(placeOrder.responses['412']?.description).toContain('INTRADAY_CUTOFF');
  });
});
