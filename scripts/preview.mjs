#!/usr/bin/env node
// Entry for `npm run preview`: loads the TypeScript preview host through tsx.
import { register } from 'tsx/esm/api';

register();
const { previewCli } = await import('../tests/host/previewCli.ts');
process.exitCode = await previewCli(process.argv.slice(2));
