export { stubOrderSubmitted, stubTick } from './stubs.ts';
export { waitUntil } from './wait-until.ts';
export * from './bar-fixtures.ts';
