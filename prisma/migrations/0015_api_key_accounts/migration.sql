-- An API key acts on one trading account of its owner, chosen when the key is made
-- (docs/adr/0016-rest-api-and-api-keys.md): the paper account or a live one bound to a broker
-- account. Until now every key acted on its owner's paper (oldest) account, so that is what the
-- keys made before this get. Accounts are never deleted (a broker account taken away detaches its
-- trading account, which then refuses orders), so the key outlives nothing it names.
ALTER TABLE api_keys ADD COLUMN account_id uuid REFERENCES accounts(id) ON DELETE CASCADE;
UPDATE api_keys k
   SET account_id = (SELECT a.id FROM accounts a WHERE a.user_id = k.user_id ORDER BY a.created_at, a.id LIMIT 1);
ALTER TABLE api_keys ALTER COLUMN account_id SET NOT NULL;
