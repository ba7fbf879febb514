#!/usr/bin/env node
// Entry for `npm run bench`: loads the TypeScript runner through tsx.
import { register } from 'tsx/esm/api';

register();
const { runBench, formatTable } = await import('./bench/run.ts');
const rows = await runBench(process.argv.slice(2));
process.stdout.write(formatTable(rows) + '\n');
process.exitCode = rows.some((r) => r.subject === 'FAILED') ? 1 : 0;
