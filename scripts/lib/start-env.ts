import path from 'node:path';
import { z } from 'zod';

/** The launcher's configuration: the only place scripts/ read process.env. */
const optionalText = z.string().trim().min(1).optional().or(z.literal('').transform(() => undefined));
const port = z.coerce.number().int().min(0).max(65_535);

export const StartEnvSchema = z.object({
  DATA_DIR: z.string().default('.data'),
  DATABASE_URL: optionalText,
  REDIS_URL: optionalText,
  HOST: z.string().default('127.0.0.1'),
  PORT: port.default(3000),
  WEB_PORT: port.default(3001),
  ENGINE_PORT: port.default(4100),
  ADMIN_USERNAME: z.string().default('admin'),
  ADMIN_PASSWORD: optionalText,
  JWT_SECRET: optionalText,
  ENGINE_TOKEN: optionalText,
  SIM_SEED: optionalText,
  // Broker secrets' master keys (docs/adr/0018); neither set → a key generated into DATA_DIR/master-keys.
  STRIKEDESK_MASTER_KEYS: optionalText,
  STRIKEDESK_MASTER_KEY_FILE: optionalText,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
});
export type StartEnv = z.infer<typeof StartEnvSchema>;

export function loadStartEnv(source: NodeJS.ProcessEnv = process.env, root = process.cwd()): StartEnv & { dataDir: string } {
  const parsed = StartEnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new Error(`invalid configuration:\n${problems}`);
  }
  return { ...parsed.data, dataDir: path.resolve(root, parsed.data.DATA_DIR) };
}
