/**
 * `npm run secrets:rotate`: re-wraps every broker secret's data key with the current master key
 * (the first of STRIKEDESK_MASTER_KEYS / STRIKEDESK_MASTER_KEY_FILE, else DATA_DIR/master-keys),
 * in one transaction, and reports how many moved from which key id. The secrets themselves are not
 * re-encrypted. Idempotent: run it again and it moves nothing. docs/runbook.md has the procedure.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPool, loadMasterKeyRing, resolveMasterKeyConfig, rotateBrokerAccountSecrets } from '@strikedesk/db/client';
import { openDatabase } from '@strikedesk/db/embedded';
import { loadStartEnv } from './lib/start-env.ts';

const root = path.resolve(fileURLToPath(new URL('..', import.meta.url)));

function say(line: string): void {
  process.stdout.write(`[secrets:rotate] ${line}\n`);
}

async function main(): Promise<void> {
  const env = loadStartEnv(process.env, root);
  const config = await resolveMasterKeyConfig(
    { keys: env.STRIKEDESK_MASTER_KEYS, file: env.STRIKEDESK_MASTER_KEY_FILE, dataDir: env.dataDir },
    { create: false },
  );
  const ring = await loadMasterKeyRing(config);
  if (!ring) throw new Error('no master key configured');
  say(`current master key: ${ring.current.id} (configured: ${ring.ids.join(', ')})`);

  // The embedded database can only be opened by one process: stop `npm start` first, or use DATABASE_URL.
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.dataDir }).catch((error: unknown) => {
    const hint = env.DATABASE_URL ? '' : ' (is `npm start` still running on this data directory? stop it first)';
    throw new Error(`cannot open the database${hint}: ${error instanceof Error ? error.message : String(error)}`);
  });
  const pool = createPool(database.url, { max: 1, applicationName: 'strikedesk-secrets-rotate' });
  try {
    const report = await rotateBrokerAccountSecrets(pool, ring);
    const moved = Object.entries(report.movedFrom);
    const count = moved.reduce((sum, [, n]) => sum + n, 0);
    if (count === 0) say(`nothing to re-wrap: all ${report.total} secrets already use ${report.currentKeyId}`);
    else for (const [from, n] of moved) say(`re-wrapped ${n} secret${n === 1 ? '' : 's'}: ${from} → ${report.currentKeyId}`);
    say(`done: ${report.total} secrets, all on ${report.currentKeyId}; keys no longer needed by any row can now be removed from the configuration`);
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } finally {
    await pool.end();
    await database.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    say(`failed, nothing changed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
