import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateBrokerAccountInputSchema, UpdateBrokerAccountInputSchema } from '@strikedesk/domain';
import { createPool, type Pool } from '../pool.ts';
import { createSecretSealer } from '../secrets/envelope.ts';
import { Secret } from '../secrets/secret.ts';
import { SecretDecryptionError } from '../secrets/secret-errors.ts';
import { createTestDatabase, type TestDatabase } from '../testing.ts';
import { protectSecrets } from './broker-account-input.ts';
import { createBrokerAccountStore } from './broker-account-store.ts';
import { newKeyRing } from './broker-account-fixtures.ts';
import { createBrokerCredentialsReader } from './broker-credentials.ts';
import { createBrokerRoutingStore } from './broker-routing-store.ts';

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

describe('broker credentials after a lost master key', () => {
  it('the admin re-enters the API secret (runbook "Lost key"): the account opens again; the day’s access token sealed with the lost key is simply gone', async () => {
    const lost = newKeyRing('k1');
    const gateway = createBrokerAccountStore(pool, { sealer: createSecretSealer(lost) });
    const account = await gateway.create(protectSecrets(CreateBrokerAccountInputSchema.parse({ broker: 'KITE', name: 'Kite lost key', apiKey: 'kitekey', apiSecret: 'old-secret' })));
    // The engine stored the day's access token after a login, under the same (later lost) key.
    await createBrokerRoutingStore(pool, { sealer: createSecretSealer(lost) }).saveAccessToken(account.id, new Secret('day-token'));

    // k1 is gone; the new ring has only k2. The admin types the API secret again in the edit dialog.
    const replacement = newKeyRing('k2');
    const admin = createBrokerAccountStore(pool, { sealer: createSecretSealer(replacement) });
    await admin.update(protectSecrets(UpdateBrokerAccountInputSchema.parse({ broker: 'KITE', id: account.id, name: 'Kite lost key', apiKey: 'kitekey', apiSecret: 'new-secret' })));

    const credentials = await createBrokerCredentialsReader(pool, replacement).credentialsFor(account.id);
    expect(credentials.apiSecret?.reveal()).toBe('new-secret');
    // Not connected (Connect Zerodha again), instead of the whole account failing for good.
    expect(credentials.accessToken).toBeNull();
  });

  it('a secret an admin enters is still never guessed: an API secret sealed with a lost key fails loudly', async () => {
    const lost = newKeyRing('k1');
    const gateway = createBrokerAccountStore(pool, { sealer: createSecretSealer(lost) });
    const account = await gateway.create(protectSecrets(CreateBrokerAccountInputSchema.parse({ broker: 'KITE', name: 'Kite not re-entered', apiKey: 'kitekey', apiSecret: 'old-secret' })));
    const error = await createBrokerCredentialsReader(pool, newKeyRing('k2'))
      .credentialsFor(account.id)
      .then(() => null, (failure: unknown) => failure);
    expect(error).toBeInstanceOf(SecretDecryptionError);
    expect((error as SecretDecryptionError).reason).toBe('UNKNOWN_MASTER_KEY');
  });
});
