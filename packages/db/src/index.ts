// Types only: importing this opens no connection. Runtime lives in '@strikedesk/db/client'.
export type { FoldRules, JournalRecord, Journal } from './journal.ts';
export type { Bar } from './timeseries.ts';
export type { TestDatabase } from './testing.ts';
