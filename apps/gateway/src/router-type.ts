// The web imports this as a type only (`import type { AppRouter } from '@strikedesk/gateway/router'`).
export type { AppRouter } from './trpc/root.ts';
