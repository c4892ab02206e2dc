import { compileErrors, validate } from '@readme/openapi-parser';
import { describe, expect, it } from 'vitest';
import { API_V1_ROUTES, OPENAPI_PATH } from './api-v1-routes.ts';
import { buildOpenApiDocument } from './openapi-document.ts';

describe('the OpenAPI document', () => {
  const document = buildOpenApiDocument(API_V1_ROUTES, '1.2.3');

  it('is a valid OpenAPI 3.1 document', async () => {
    // validate() dereferences in place: give it a copy.
    const result = await validate(structuredClone(document) as Parameters<typeof validate>[0]);
    expect(result.valid ? '' : compileErrors(result)).toBe('');
    expect(document).toMatchObject({ openapi: '3.1.0', info: { title: 'Strikedesk API', version: '1.2.3' } });
  });

  it('lists every route with its method, and itself', () => {
    const operations = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
      Object.keys(item ?? {}).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual([...API_V1_ROUTES.map((route) => `${route.method} ${route.path}`), `GET ${OPENAPI_PATH}`].sort());
    expect(document.paths?.[OPENAPI_PATH]?.get?.security).toEqual([]);
  });

  it('describes bodies and answers with the domain schemas, as shared components', () => {
    const placeOrder = document.paths?.['/api/v1/orders']?.post;
    expect(placeOrder?.requestBody).toMatchObject({ content: { 'application/json': { schema: { $ref: '#/components/schemas/PlaceOrderInput' } } } });
    expect(placeOrder?.responses?.['201']).toMatchObject({ content: { 'application/json': { schema: { $ref: '#/components/schemas/Order' } } } });
    // Errors are grouped by the HTTP status the gateway answers them with.
    expect(placeOrder?.responses?.['412']?.description).toContain('RISK_PRICE_BAND');
    expect(placeOrder?.responses?.['403']?.description).toContain('API_KEY_SCOPE');
    expect(placeOrder?.responses?.['403']?.description).toContain('VIEWER_CANNOT_TRADE');
    expect(Object.keys(document.components?.schemas ?? {}).sort()).toEqual(['ApiError', 'ModifyOrderBody', 'Order', 'PlaceOrderInput', 'PositionView']);
    expect(document.components?.schemas?.['PlaceOrderInput']).toMatchObject({ required: ['instrumentId', 'side', 'type', 'product', 'quantity'] });
  });

  it('says what the handler refuses: unknown fields, the engine-only attribution, and bodies that are too large or not JSON', () => {
    const placeOrder = document.components?.schemas?.['PlaceOrderInput'] as { additionalProperties?: unknown; properties?: Record<string, unknown> } | undefined;
    expect(placeOrder?.additionalProperties).toBe(false);
    expect(Object.keys(placeOrder?.properties ?? {}).sort()).toEqual(['clientOrderId', 'instrumentId', 'price', 'product', 'quantity', 'side', 'triggerPrice', 'type']);
    expect(document.components?.schemas?.['ModifyOrderBody']).toMatchObject({ additionalProperties: false });
    for (const operation of [document.paths?.['/api/v1/orders']?.post, document.paths?.['/api/v1/orders/{orderId}']?.patch]) {
      expect(Object.keys(operation?.responses ?? {})).toEqual(expect.arrayContaining(['400', '413', '415']));
    }
    expect(Object.keys(document.paths?.['/api/v1/orders']?.get?.responses ?? {})).not.toContain('415');
  });

  it('names the query parameters of a route that takes them, and the errors they bring', () => {
    const listTrades = document.paths?.['/api/v1/trades']?.get;
    const parameters = (listTrades?.parameters ?? []) as { name: string; in: string; required?: boolean }[];
    expect(parameters.map(({ name, in: where, required }) => [name, where, required])).toEqual([
      ['from', 'query', true],
      ['to', 'query', true],
    ]);
    expect(listTrades?.responses?.['400']?.description).toContain('VALIDATION_FAILED');
    expect(listTrades?.responses?.['400']?.description).toContain('TRADEBOOK_RANGE_INVALID');
    expect(listTrades?.responses?.['413']?.description).toContain('TRADEBOOK_TOO_LARGE');
  });
});
