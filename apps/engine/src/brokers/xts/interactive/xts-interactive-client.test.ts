import { afterEach, describe, expect, it } from 'vitest';
import { XtsInteractiveClient } from './xts-interactive-client.ts';
import { XtsInstrumentDirectory } from '../xts-instrument-directory.ts';
import { startXtsHarness, type XtsHarness } from '../fake/fake-xts-harness.ts';

describe('XtsInteractiveClient against the fake', () => {
  let harness: XtsHarness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it('reads an empty book ("Data Not found.") as empty, and the balance with "NaN" as unknown', async () => {
    const running = (harness = await startXtsHarness());
    expect(await running.client.orders()).toEqual([]);
    expect(await running.client.trades()).toEqual([]);
    const balance = await running.client.balance();
    expect(balance).toMatchObject({ cashAvailable: 6_857_237, marginUtilized: 4_544_636, netMarginAvailable: null });
  });

  it('maps the error envelope: bad credentials are refused with XTS code and raw body kept', async () => {
    const running = (harness = await startXtsHarness());
    const wrong = new XtsInteractiveClient({ rootUrl: running.fake.url, appKey: 'nope', secretKey: 'nope', directory: new XtsInstrumentDirectory() });
    await expect(wrong.login()).rejects.toMatchObject({ code: 'BROKER_INPUT_REJECTED', details: { outcome: 'refused', xtsCode: 'e-app-001', httpStatus: 400 } });
  });

  it('an HTTP 200 answer with type "error" and "Invalid Token" is a session loss too', async () => {
    const directory = new XtsInstrumentDirectory();
    const answers = [
      { token: 't1', userID: 'U1' },
      null,
    ];
    let call = 0;
    const fakeFetch = (async () => {
      const result = answers[call++];
      const body = result ? { type: 'success', code: 's-user-0001', description: 'ok', result } : { type: 'error', description: 'Invalid Token' };
      return new Response(JSON.stringify(body), { status: 200 });
    }) as typeof fetch;
    const client = new XtsInteractiveClient({ rootUrl: 'http://127.0.0.1:1', appKey: 'k', secretKey: 's', directory, fetch: fakeFetch });
    await client.login();
    await expect(client.orders()).rejects.toMatchObject({ code: 'BROKER_SESSION_EXPIRED' });
    expect(client.http.sessionEnded?.code).toBe('BROKER_SESSION_EXPIRED');
  });
});
