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
  tag: 'Orders' | 'Positions';
  summary: string;
  description: string;
  scope: ApiKeyScope;
  pathParams: z.ZodObject | undefined;
  body: z.ZodType | undefined;
  success: { status: 200 | 201; description: string; schema: z.ZodType };
  /** Error codes this endpoint can answer besides the ones every endpoint can (documented per status). */
  errors: readonly ErrorCode[];
  /** Parses params and body with the schemas above (zod issues become VALIDATION_FAILED), then runs. */
  handle(call: { caller: ApiCaller; params: Record<string, string>; body: unknown; services: GatewayServices }): Promise<RestReply>;
};

type RouteDefinition<P extends z.ZodObject | undefined, B extends z.ZodType | undefined> = Omit<ApiRoute, 'pathParams' | 'body' | 'handle'> & {
  pathParams?: P;
  body?: B;
  run(call: { caller: ApiCaller; params: Parsed<P>; body: Parsed<B>; services: GatewayServices }): Promise<RestReply>;
};

export function defineRoute<P extends z.ZodObject | undefined = undefined, B extends z.ZodType | undefined = undefined>(
  definition: RouteDefinition<P, B>,
): ApiRoute {
  const { run, pathParams, body, ...rest } = definition;
  return {
    ...rest,
    pathParams,
    body,
    handle: ({ caller, params, body: rawBody, services }) =>
      run({
        caller,
        services,
        // The casts only restate what the schema just parsed: TypeScript cannot follow P and B
        // through the optional properties.
        params: (pathParams ? pathParams.parse(params) : undefined) as Parsed<P>,
        body: (body ? body.parse(rawBody) : undefined) as Parsed<B>,
      }),
  };
}
