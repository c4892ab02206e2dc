export { stubTick } from './stubs.ts';
