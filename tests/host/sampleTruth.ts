import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaseTruth } from '../../shared/sample/truth';

/** Where the preview host generates sample cases for the e2e tests (shared between specs). */
export const SAMPLE_CACHE = process.env.LIVERPLAN_SAMPLE_CACHE ?? join(tmpdir(), 'liverplan-e2e-sample-cache');

/** The truth.json of a materialised sample case under `dir` (the sample cache or a user data folder). */
export function findSampleTruth(dir: string, caseName: string): CaseTruth {
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile() && e.name === 'truth.json' && e.parentPath.includes(caseName))
      return JSON.parse(readFileSync(join(e.parentPath, e.name), 'utf8')) as CaseTruth;
  }
  throw new Error(`truth.json of sample ${caseName} not found under ${dir}`);
}
