// Dev/test entry of the header worker: loads the TypeScript worker through tsx
// (the CLI and Vitest run from sources; the app build bundles headerWorker.ts).
import { register } from 'tsx/esm/api';

register();
await import('./headerWorker.ts');
