import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateBrokerAccountInputSchema, type BrokerAccountId } from '@strikedesk/domain';
import { createPool, type Pool } from '../pool.ts';
import { createSecretSealer } from '../secrets/envelope.ts';
import { createTestDatabase, type TestDatabase } from '../testing.ts';
import { protectSecrets } from './broker-account-input.ts';
import { createBrokerAccountStore } from './broker-account-store.ts';
import { newKeyRing, ringOf } from './broker-account-fixtures.ts';
import { createBrokerCredentialsReader } from './broker-credentials.ts';
import { rotateBrokerAccountSecrets } from './rotate-broker-secrets.ts';

let database: TestDatabase;
let pool: Pool;
beforeAll(async () => {
  database = await createTestDatabase();
  pool = createPool(database.url);
});
afterAll(async () => {
  await pool.end();
  await database.drop();
});

const wrappedKeys = async () =>
  (await pool.query<{ field: string; wrapped_key: Buffer; ciphertext: Buffer; master_key_id: string }>('SELECT field, wrapped_key, ciphertext, master_key_id FROM broker_account_secrets ORDER BY account_id, field')).rows;

describe('master key rotation', () => {
  it('re-wraps every data key from k1 to k2 in one go, leaves the ciphertext alone, and a ring without k1 still decrypts', async () => {
    const k1 = newKeyRing('k1');
    const k2 = newKeyRing('k2');
    const store = createBrokerAccountStore(pool, { sealer: createSecretSealer(k1) });
    const kite = await store.create(protectSecrets(CreateBrokerAccountInputSchema.parse({ broker: 'KITE', name: 'Kite', apiKey: 'key', apiSecret: 'kite-secret' })));
    const xts = await store.create(
      protectSecrets(
        CreateBrokerAccountInputSchema.parse({
          broker: 'XTS',
          name: 'XTS',
          rootUrl: 'https://xts.example.in',
          interactiveAppKey: 'ia',
          interactiveSecret: 'ia-secret',
          marketDataAppKey: 'md',
          marketDataSecret: 'md-secret',
        }),
      ),
    );
    const before = await wrappedKeys();

    const both = ringOf(k2.current, k1.current);
    expect(await rotateBrokerAccountSecrets(pool, both)).toEqual({ currentKeyId: 'k2', total: 3, movedFrom: { k1: 3 } });
    const after = await wrappedKeys();
    expect(after.map((row) => row.master_key_id)).toEqual(['k2', 'k2', 'k2']);
    after.forEach((row, index) => {
      expect(row.ciphertext.equals(before[index]!.ciphertext)).toBe(true);
      expect(row.wrapped_key.equals(before[index]!.wrapped_key)).toBe(false);
    });
    // Idempotent: nothing left to move.
    expect(await rotateBrokerAccountSecrets(pool, both)).toEqual({ currentKeyId: 'k2', total: 3, movedFrom: {} });

    const reader = createBrokerCredentialsReader(pool, k2);
    expect((await reader.credentialsFor(kite.id)).apiSecret?.reveal()).toBe('kite-secret');
    const xtsCredentials = await reader.credentialsFor(xts.id);
    expect([xtsCredentials.interactiveSecret?.reveal(), xtsCredentials.marketDataSecret?.reveal()]).toEqual(['ia-secret', 'md-secret']);
    await expect(createBrokerCredentialsReader(pool, k1).credentialsFor(kite.id)).rejects.toMatchObject({ reason: 'UNKNOWN_MASTER_KEY', masterKeyId: 'k2' });
  });

  it('changes nothing when a row is wrapped by a key the ring lacks', async () => {
    const k3 = newKeyRing('k3');
    const lost = newKeyRing('lost');
    const store = createBrokerAccountStore(pool, { sealer: createSecretSealer(lost) });
    const orphan = await store.create(protectSecrets(CreateBrokerAccountInputSchema.parse({ broker: 'KITE', name: 'Orphan', apiKey: 'key', apiSecret: 'x' })));
    const before = await wrappedKeys();
    await expect(rotateBrokerAccountSecrets(pool, k3)).rejects.toMatchObject({ name: 'SecretDecryptionError', reason: 'UNKNOWN_MASTER_KEY' });
    expect(await wrappedKeys()).toEqual(before);
    await expect(createBrokerCredentialsReader(pool, k3).credentialsFor(orphan.id as BrokerAccountId)).rejects.toMatchObject({ reason: 'UNKNOWN_MASTER_KEY', masterKeyId: 'lost' });
  });
});
