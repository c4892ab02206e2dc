import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AttemptLimiter } from '../auth/attempt-limiter.ts';
import { sendJson } from '../http/send-json.ts';
import type { GatewayServices } from '../trpc/services.ts';
import { authenticateApiKey, presentedApiKey, requireScope } from './api-key-auth.ts';
import type { HttpMethod } from './api-route.ts';
import { API_V1_ROUTES, OPENAPI_PATH } from './api-v1-routes.ts';
import { buildOpenApiDocument } from './openapi-document.ts';
import { compilePathTemplate } from './path-template.ts';
import { readJsonBody } from './read-json-body.ts';
import { errorReply, replyForError, type RestReply } from './rest-reply.ts';

export type RestHandler = (req: IncomingMessage, res: ServerResponse, path: string) => void;

const methodNotAllowed = (allowed: readonly HttpMethod[]): RestReply => ({
  ...errorReply('VALIDATION_FAILED', { status: 'METHOD_NOT_SUPPORTED', message: `Use ${allowed.join(' or ')} on this path.` }),
  headers: { allow: allowed.join(', ') },
});

/** The query string's parameters; a repeated one keeps its first value. */
function queryOf(req: IncomingMessage): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [name, value] of new URL(req.url ?? '/', 'http://gateway.invalid').searchParams) if (!(name in query)) query[name] = value;
  return query;
}

/**
 * The REST API under /api: API-key authentication, per-key rate limit, scope, then the route. The
 * order of the checks means an unknown path or method is answered without a key, and a request
 * is only counted against a key once the key is proven.
 */
export function createRestHandler(deps: { services: GatewayServices; limiter: AttemptLimiter }): RestHandler {
  const routes = API_V1_ROUTES.map((route) => ({ route, match: compilePathTemplate(route.path) }));
  // The routes are fixed for the life of the process, so is their description.
  const document = buildOpenApiDocument(API_V1_ROUTES, deps.services.version);

  async function answer(req: IncomingMessage, path: string): Promise<RestReply> {
    const method = req.method ?? 'GET';
    if (path === OPENAPI_PATH) return method === 'GET' ? { status: 200, body: document } : methodNotAllowed(['GET']);

    const candidates = routes.flatMap(({ route, match }) => {
      const params = match(path);
      return params ? [{ route, params }] : [];
    });
    if (candidates.length === 0) {
      return errorReply('VALIDATION_FAILED', { status: 'NOT_FOUND', message: `No such endpoint: ${path}. The API is described at ${OPENAPI_PATH}.` });
    }
    const found = candidates.find(({ route }) => route.method === method);
    if (!found) return methodNotAllowed(candidates.map(({ route }) => route.method));

    const caller = await authenticateApiKey(deps.services, presentedApiKey(req.headers));
    // Counted before the scope check: a proven key's refused requests cost the same lookups.
    const retryAfterSeconds = await deps.limiter.attempt(caller.apiKey.id);
    if (retryAfterSeconds > 0) return { ...errorReply('RATE_LIMITED'), headers: { 'retry-after': String(retryAfterSeconds) } };
    requireScope(caller, found.route.scope);

    let body: unknown;
    if (found.route.body) {
      const read = await readJsonBody(req);
      if (!read.ok) return read.reply;
      body = read.value;
    }
    return found.route.handle({ caller, params: found.params, query: queryOf(req), body, services: deps.services });
  }

  return (req, res, path) => {
    void answer(req, path)
      .catch((error: unknown) => replyForError(error, deps.services.logger, { method: req.method, path }))
      .then((reply) => {
        // An unread body (a refusal before reading it) is drained so the connection stays usable.
        req.resume();
        if (res.headersSent || res.destroyed) return;
        // Answers carry account data: no cache on the way may keep them.
        sendJson(res, reply.status, reply.body, { 'cache-control': 'no-store', ...reply.headers });
      })
      .catch((error: unknown) => {
        deps.services.logger.error({ err: error, method: req.method, path }, 'api reply failed');
        res.destroy();
      });
  };
}
