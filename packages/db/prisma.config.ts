import { defineConfig } from 'prisma/config';

// Only `prisma generate` uses this file; migrations are applied by src/migrate.ts (ADR 0004).
export default defineConfig({ schema: '../../prisma/schema.prisma' });
