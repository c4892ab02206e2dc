import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

const SecretsSchema = z.object({ jwtSecret: z.string().min(32), engineToken: z.string().min(16) });
export type Secrets = z.infer<typeof SecretsSchema>;

/**
 * Secrets for a zero-configuration start, generated once and kept in the data directory (mode
 * 0600) so that sessions survive a restart. Production passes JWT_SECRET and ENGINE_TOKEN instead.
 */
export async function loadOrCreateSecrets(dataDir: string): Promise<Secrets> {
  const file = path.join(dataDir, 'secrets.json');
  if (existsSync(file)) return SecretsSchema.parse(JSON.parse(await readFile(file, 'utf8')));
  const secrets = { jwtSecret: randomBytes(48).toString('base64url'), engineToken: randomBytes(24).toString('base64url') };
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
