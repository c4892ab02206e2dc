import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type ZodOpenApiResponsesObject } from 'zod-openapi';
import { OrderSchema, PositionViewSchema, type ErrorCode } from '@strikedesk/domain';
import type { ApiRoute } from './api-route.ts';
import { ApiErrorSchema, ModifyOrderBodySchema, PlaceOrderBodySchema } from './api-schemas.ts';
import { OPENAPI_PATH } from './api-v1-routes.ts';
import { API_BODY_LIMIT_BYTES } from './read-json-body.ts';
import { httpStatusOf } from './rest-reply.ts';

/** Errors any authenticated endpoint can answer. */
const COMMON_ERRORS: readonly ErrorCode[] = ['API_KEY_INVALID', 'API_KEY_SCOPE', 'RATE_LIMITED', 'ENGINE_UNAVAILABLE', 'INTERNAL'];

function errorsOf(route: ApiRoute): ErrorCode[] {
  const codes = new Set<ErrorCode>([...COMMON_ERRORS, ...route.errors]);
  if (route.pathParams || route.query || route.body) codes.add('VALIDATION_FAILED');
  if (route.scope === 'trade') codes.add('VIEWER_CANNOT_TRADE');
  return [...codes];
}

/** One response per HTTP status, naming the codes that come with it: the same mapping the handler uses. */
function errorResponses(codes: readonly ErrorCode[]): ZodOpenApiResponsesObject {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) {
    const status = httpStatusOf(code);
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: ZodOpenApiResponsesObject = {};
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[`${status}` as `${4 | 5}${string}`] = { description: `Error codes: ${list.join(', ')}.`, content: { 'application/json': { schema: ApiErrorSchema } } };
  }
  return responses;
}

const errorContent = { 'application/json': { schema: ApiErrorSchema } };

/** What readJsonBody answers before the body's schema is even looked at (VALIDATION_FAILED, with their own statuses). */
const BODY_REFUSALS: ZodOpenApiResponsesObject = {
  '413': { description: `Error code: VALIDATION_FAILED (the body is larger than ${API_BODY_LIMIT_BYTES / 1024} KB).`, content: errorContent },
  '415': { description: 'Error code: VALIDATION_FAILED (the body is not sent as Content-Type: application/json).', content: errorContent },
};

function operationOf(route: ApiRoute): ZodOpenApiOperationObject {
  return {
    operationId: route.operationId,
    summary: route.summary,
    description: `${route.description}\n\nNeeds the \`${route.scope}\` scope.`,
    tags: [route.tag],
    ...(route.pathParams || route.query ? { requestParams: { ...(route.pathParams ? { path: route.pathParams } : {}), ...(route.query ? { query: route.query } : {}) } } : {}),
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: route.body } } } } : {}),
    responses: {
      [`${route.success.status}`]: { description: route.success.description, content: { 'application/json': { schema: route.success.schema } } },
      ...errorResponses(errorsOf(route)),
      ...(route.body ? BODY_REFUSALS : {}),
    },
  };
}

const DESCRIPTION = `Place, modify and cancel orders and read orders, trades and positions of your own account from your own programs.
Orders go through the same pre-trade risk checks as the terminal and show there with origin API. A key acts on the one trading
account of its owner chosen when it was made — paper, or a live account bound to a broker account (whose orders go to that broker).

Authenticate with an API key created under Settings → API keys: \`Authorization: Bearer sdk_…\` or \`X-API-Key: sdk_…\`.
A key has scopes: \`read\` (list orders, trades and positions) and \`trade\` (also place, modify and cancel; only for users whose role may trade).

Quantities are in units (a multiple of the lot size); prices and money are integer paise (₹245.35 = 24535); times are epoch milliseconds.
Every error answers \`{ "error": CODE, "message": "…" }\` with a stable code. Each key may make a limited number of requests a minute;
past it the answer is 429 RATE_LIMITED with a Retry-After header.`;

/** The OpenAPI 3.1 document of the REST API, generated from the routes' own zod schemas. */
export function buildOpenApiDocument(routes: readonly ApiRoute[], version: string): ReturnType<typeof createDocument> {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routes) {
    const item = (paths[route.path] ??= {});
    item[route.method === 'GET' ? 'get' : route.method === 'POST' ? 'post' : route.method === 'PATCH' ? 'patch' : 'delete'] = operationOf(route);
  }
  paths[OPENAPI_PATH] = {
    get: {
      operationId: 'getOpenApiDocument',
      summary: 'This document',
      tags: ['Meta'],
      security: [],
      responses: { '200': { description: 'The OpenAPI 3.1 document.', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } } },
    },
  };
  return createDocument({
    openapi: '3.1.0',
    info: { title: 'Strikedesk API', version, description: DESCRIPTION },
    security: [{ bearerAuth: [] }, { apiKeyHeader: [] }],
    tags: [
      { name: 'Orders', description: 'Orders of the key owner’s account.' },
      { name: 'Trades', description: 'Fills of the key owner’s account over a range of days (the tradebook).' },
      { name: 'Positions', description: 'Positions of the key owner’s account.' },
      { name: 'Alerts', description: 'Price alerts of the key owner (user), GTT orders into the key’s account, and OCO pairs of them.' },
      { name: 'Meta', description: 'About the API itself.' },
    ],
    paths,
    components: {
      // Registered by name, so every use of these schemas becomes a $ref to one definition.
      schemas: { Order: OrderSchema, PositionView: PositionViewSchema, PlaceOrderInput: PlaceOrderBodySchema, ModifyOrderBody: ModifyOrderBodySchema },
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API key (sdk_…) as a bearer token.' },
        apiKeyHeader: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'An API key (sdk_…) in the X-API-Key header.' },
      },
    },
  });
}
