export { stubOrderSubmitted, stubTick } from './stubs.ts';
