/** The parameters a request path fills into an OpenAPI path template, or null when it does not fit. */
export type PathMatcher = (path: string) => Record<string, string> | null;

/**
 * `/api/v1/orders/{orderId}` matches `/api/v1/orders/abc` with `{ orderId: 'abc' }`: one whole
 * segment per parameter, decoded. A segment that does not decode fits nothing.
 */
export function compilePathTemplate(template: string): PathMatcher {
  const segments = template.split('/');
  return (path) => {
    const parts = path.split('/');
    if (parts.length !== segments.length) return null;
    const params: Record<string, string> = {};
    for (const [index, segment] of segments.entries()) {
      const part = parts[index] ?? '';
      const name = /^\{(\w+)\}$/.exec(segment)?.[1];
      if (name === undefined) {
        if (part !== segment) return null;
        continue;
      }
      if (part === '') return null;
      try {
        params[name] = decodeURIComponent(part);
      } catch {
        return null;
      }
    }
    return params;
  };
}
