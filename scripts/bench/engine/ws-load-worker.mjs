// Worker entry: registers tsx (a worker does not inherit the parent's loader hooks on Node 20),
// then runs the TypeScript worker. See ws-load-worker.ts.
import { register } from 'tsx/esm/api';

register();
await import('./ws-load-worker.ts');
