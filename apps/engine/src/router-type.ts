// The gateway imports this type only (package export `@strikedesk/engine/router`).
export type { EngineRouter } from './api/root.ts';
