import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failureOf, loginAs } from '../testing/gateway-client.ts';
import { TEST_ADMIN, startTestStack, type TestStack } from '../testing/test-stack.ts';

// A page on a sibling subdomain is "same-site": the browser sends the SameSite=Strict refresh
// cookie with its requests, and a plain HTML form (multipart/form-data, no CORS preflight) reaches
// tRPC procedures that take no input. The browser marks such a request Sec-Fetch-Site: same-site.
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ engine: false });
});
afterAll(() => stack?.close());

/** What the browser sends for `<form method=post enctype=multipart/form-data action=…>` submitted from `site`. */
function formPost(procedure: string, cookie: string, site: 'same-site' | 'cross-site' | 'same-origin') {
  const form = new FormData();
  form.append('x', '1');
  return fetch(`${stack.gateway.url}/trpc/${procedure}`, { method: 'POST', headers: { cookie, 'sec-fetch-site': site }, body: form });
}

describe('tRPC calls made by another site', () => {
  it("a sibling site's form cannot log the trader out", async () => {
    const client = stack.client();
    await loginAs(client, TEST_ADMIN.username, TEST_ADMIN.password);
    const cookie = client.state.cookie!;

    for (const site of ['same-site', 'cross-site'] as const) {
      const response = await formPost('auth.logout', cookie, site);
      expect(response.status, site).toBe(403);
      expect(await response.json()).toMatchObject({ error: { data: { appCode: 'CROSS_SITE_REQUEST', httpStatus: 403 } } });
    }
    // The session is intact: the tab still refreshes with its cookie.
    const refreshed = await client.trpc.auth.refresh.mutate({});
    expect(refreshed.user.username).toBe(TEST_ADMIN.username);
  });

  it('the terminal itself (same-origin) and non-browser clients (no header) are unaffected', async () => {
    const client = stack.client();
    await loginAs(client, TEST_ADMIN.username, TEST_ADMIN.password);
    const response = await formPost('auth.logout', client.state.cookie!, 'same-origin');
    expect(response.status).toBe(200);
    expect(client.state.cookie).not.toBeNull();
    expect((await failureOf(client.trpc.auth.refresh.mutate({}))).appCode).toBe('SESSION_EXPIRED');
    expect((await fetch(`${stack.gateway.url}/trpc/system.info`)).status).toBe(200);
  });
});
