/** What a REST call answered: status, parsed JSON body (null when none) and headers. Parse the body with the domain schemas. */
export type RestResponse = { status: number; body: unknown; headers: Headers };

/**
 * A REST request as an external client sends it: the key as a bearer token (or in X-API-Key when
 * `keyHeader` says so), a JSON body unless `rawBody` is given.
 */
export async function restCall(
  baseUrl: string,
  method: string,
  path: string,
  options: { key?: string; keyHeader?: 'bearer' | 'x-api-key'; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<RestResponse> {
  const headers: Record<string, string> = {};
  if (options.key !== undefined) {
    if (options.keyHeader === 'x-api-key') headers['x-api-key'] = options.key;
    else headers.authorization = `Bearer ${options.key}`;
  }
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(`${baseUrl}${path}`, { method, headers: { ...headers, ...options.headers }, ...(body === undefined ? {} : { body }) });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null, headers: response.headers };
}
