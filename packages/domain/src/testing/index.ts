export { stubOrderSubmitted, stubTick } from './stubs.ts';
export { waitUntil } from './wait-until.ts';
