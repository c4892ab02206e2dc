// Worker entry: registers tsx (a worker does not inherit the parent's loader hooks on Node 20),
// then runs the TypeScript worker. See snapshot-scheduler.ts.
import { register } from 'tsx/esm/api';

register();
await import('./snapshot-worker.ts');
