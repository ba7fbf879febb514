import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REAL_CT_DIR, realCtAvailable } from '../../tests/testing/realCt';

// `--json` must print JSON and nothing else on stdout (issue 18 point 4): OpenJPEG's
// "[INFO] Start to read j2k main header" lines used to come first. The codec writes
// through the process's real stdout, so run the CLI as a user does, in a child process.
const bin = resolve(import.meta.dirname, '../../bin/liverplan.mjs');
const series = join(REAL_CT_DIR, 'abdomen-slab-siemens', 'dicom');

async function liverplan(args: string[]): Promise<{ stdout: string; stderr: string }> {
  return promisify(execFile)(process.execPath, [bin, ...args], { maxBuffer: 64 << 20 });
}

const available = realCtAvailable();
if (!available) console.warn(`jsonStdout.test: skipped, no real CT at ${REAL_CT_DIR}`);

describe.skipIf(!available)(
  '--json on a JPEG 2000 series prints only JSON on stdout (needs ../shared/data/real-ct)',
  () => {
    // load is the cheapest command on the decode path that volumetry, segment, report and
    // export share (electron/services/dicom/wasmCodecs.ts); volumetry takes ~30 s here.
    const cases: Array<[string, string[]]> = [['load', ['load', series, '--json']]];
    it.each(cases)(
      '%s',
      async (_name, args) => {
        const { stdout, stderr } = await liverplan(args);
        expect(stdout).not.toMatch(/\[INFO\]/);
        expect(() => JSON.parse(stdout)).not.toThrow();
        // The codec's info lines are dropped, not moved to stderr.
        expect(stderr).not.toMatch(/\[INFO\]/);
      },
      60_000,
    );
  },
);
