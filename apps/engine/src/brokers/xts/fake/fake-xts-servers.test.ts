import { waitUntil } from '@strikedesk/domain/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { hangUpAfter, sendRawHttp, UNPARSEABLE_TARGET_REQUEST } from '../../raw-http-request.ts';
import { FAKE_XTS_INSTRUMENTS } from './fake-xts-harness.ts';
import { startFakeXtsInteractive } from './fake-xts-interactive.ts';
import { startFakeXtsMarketData } from './fake-xts-market-data.ts';
import { FAKE_XTS_MD_INSTRUMENTS } from './fake-xts-md-harness.ts';

/**
 * Both fake XTS servers run inside the engine for simulated accounts: a malformed request from any
 * local client must be answered (or logged), never become an unhandled rejection.
 */
const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const server of running.splice(0)) await server.close();
});

const servers = [
  {
    name: 'interactive',
    start: (failures: unknown[]) => startFakeXtsInteractive({ instruments: FAKE_XTS_INSTRUMENTS, logger: { error: (details) => failures.push(details) } }),
    loginPath: '/interactive/user/session',
  },
  {
    name: 'market data',
    start: (failures: unknown[]) => startFakeXtsMarketData({ instruments: FAKE_XTS_MD_INSTRUMENTS, logger: { error: (details) => failures.push(details) } }),
    loginPath: '/apimarketdata/auth/login',
  },
];

describe.each(servers)('fake XTS $name server', ({ start, loginPath }) => {
  const startOne = async () => {
    const failures: unknown[] = [];
    const fake = await start(failures);
    running.push(fake);
    const login = () => fetch(`${fake.url}${loginPath}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ appKey: fake.appKey, secretKey: fake.secretKey }) });
    return { port: Number(new URL(fake.url).port), failures, login };
  };

  it('answers a request target it cannot read with 400 and goes on serving', async () => {
    const { port, failures, login } = await startOne();
    expect(await sendRawHttp(port, UNPARSEABLE_TARGET_REQUEST)).toBe(400);
    expect((await login()).status).toBe(200);
    expect(failures).toEqual([]);
  });

  it('logs a request that fails midway (the client hung up inside its body) and goes on serving', async () => {
    const { port, failures, login } = await startOne();
    await hangUpAfter(port, `POST ${loginPath} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"appKey":`);
    await waitUntil(() => failures.length === 1, { message: 'the failure logged' });
    expect(failures[0]).toMatchObject({ method: 'POST', path: loginPath });
    expect((await login()).status).toBe(200);
  });
});
