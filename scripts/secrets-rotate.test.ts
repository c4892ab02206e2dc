import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateBrokerAccountInputSchema, type BrokerAccount } from '@strikedesk/domain';
import { createBrokerAccountStore, createBrokerCredentialsReader, createPool, createSecretSealer, parseMasterKeys, protectSecrets, type Pool } from '@strikedesk/db/client';
import { createTestDatabase, type TestDatabase } from '@strikedesk/db/testing';

const root = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const run = promisify(execFile);
const k1 = `k1:${randomBytes(32).toString('base64')}`;
const k2 = `k2:${randomBytes(32).toString('base64')}`;

let database: TestDatabase;
let pool: Pool;
let scratch: string;
let account: BrokerAccount;

/** `npm run secrets:rotate` as an operator runs it, against the test database. */
const rotate = (keys: string) =>
  run(process.execPath, ['--import', 'tsx', 'scripts/secrets-rotate.ts'], {
    cwd: root,
    env: { PATH: process.env['PATH'] ?? '', DATABASE_URL: database.url, DATA_DIR: scratch, STRIKEDESK_MASTER_KEYS: keys },
  });

beforeAll(async () => {
  database = await createTestDatabase();
  pool = createPool(database.url);
  scratch = await mkdtemp(path.join(tmpdir(), 'sd-rotate-'));
  const store = createBrokerAccountStore(pool, { sealer: createSecretSealer(parseMasterKeys(k1, 'test')) });
  account = await store.create(protectSecrets(CreateBrokerAccountInputSchema.parse({ broker: 'KITE', name: 'Kite', apiKey: 'key', apiSecret: 'the-kite-secret' })));
});
afterAll(async () => {
  await pool.end();
  await database.drop();
  await rm(scratch, { recursive: true, force: true });
});

describe('npm run secrets:rotate', () => {
  it('moves every secret from k1 to k2, says so, and is idempotent; k1 can then be dropped', async () => {
    const first = await rotate(`${k2},${k1}`);
    expect(first.stdout).toContain('[secrets:rotate] re-wrapped 1 secret: k1 → k2');
    expect(first.stdout.trim().split('\n').at(-1)).toBe('{"currentKeyId":"k2","total":1,"movedFrom":{"k1":1}}');
    expect(first.stdout).not.toContain('the-kite-secret');

    const second = await rotate(`${k2},${k1}`);
    expect(second.stdout).toContain('nothing to re-wrap: all 1 secrets already use k2');

    const credentials = await createBrokerCredentialsReader(pool, parseMasterKeys(k2, 'test')).credentialsFor(account.id);
    expect(credentials.apiSecret?.reveal()).toBe('the-kite-secret');
  });

  it('fails without changing anything when a row needs a key that is not configured', async () => {
    const k3 = `k3:${randomBytes(32).toString('base64')}`;
    const failed = await rotate(k3).then(
      () => null,
      (error: { code: number; stdout: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stdout).toMatch(/failed, nothing changed: cannot decrypt broker_account:.*master key "k2" is not configured/);
    const row = await pool.query('SELECT master_key_id FROM broker_account_secrets');
    expect(row.rows).toEqual([{ master_key_id: 'k2' }]);
  });
});
