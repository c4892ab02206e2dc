import type { z } from 'zod';
import type { ApiKeyScope, ErrorCode } from '@strikedesk/domain';
import type { GatewayServices } from '../trpc/services.ts';
import type { ApiCaller } from './api-key-auth.ts';
import type { RestReply } from './rest-reply.ts';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

/**
 * One REST endpoint, described once: the handler validates with these schemas and the OpenAPI
 * document is generated from the very same ones, so the two cannot drift apart.
 */
export type ApiRoute = {
  method: HttpMethod;
  /** OpenAPI path template, e.g. `/api/v1/orders/{orderId}`. */
  path: `/api/v1/${string}`;
  operationId: string;
  /** The OpenAPI tag that groups it. */
  tag: 'Orders' | 'Trades' | 'Positions' | 'Alerts';
  summary: string;
  description: string;
  scope: ApiKeyScope;
  pathParams: z.ZodObject | undefined;
  /** The query string's parameters (each given once; a repeated one counts its first). */
  query: z.ZodObject | undefined;
  body: z.ZodType | undefined;
  success: { status: 200 | 201; description: string; schema: z.ZodType };
  /** Error codes this endpoint can answer besides the ones every endpoint can (documented per status). */
  errors: readonly ErrorCode[];
  /** Parses params, query and body with the schemas above (zod issues become VALIDATION_FAILED), then runs. */
  handle(call: { caller: ApiCaller; params: Record<string, string>; query: Record<string, string>; body: unknown; services: GatewayServices }): Promise<RestReply>;
};

type RouteDefinition<P extends z.ZodObject | undefined, Q extends z.ZodObject | undefined, B extends z.ZodType | undefined> = Omit<ApiRoute, 'pathParams' | 'query' | 'body' | 'handle'> & {
  pathParams?: P;
  query?: Q;
  body?: B;
  run(call: { caller: ApiCaller; params: Parsed<P>; query: Parsed<Q>; body: Parsed<B>; services: GatewayServices }): Promise<RestReply>;
};

export function defineRoute<P extends z.ZodObject | undefined = undefined, Q extends z.ZodObject | undefined = undefined, B extends z.ZodType | undefined = undefined>(
  definition: RouteDefinition<P, Q, B>,
): ApiRoute {
  const { run, pathParams, query, body, ...rest } = definition;
  return {
    ...rest,
    pathParams,
    query,
    body,
    handle: ({ caller, params, query: rawQuery, body: rawBody, services }) =>
      run({
        caller,
        services,
        // The casts only restate what the schema just parsed: TypeScript cannot follow P, Q and B
        // through the optional properties.
        params: (pathParams ? pathParams.parse(params) : undefined) as Parsed<P>,
        query: (query ? query.parse(rawQuery) : undefined) as Parsed<Q>,
        body: (body ? body.parse(rawBody) : undefined) as Parsed<B>,
      }),
  };
}
