import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../dispatch';
import { writeTestCaseDir } from '../export/testing/testCaseDir';
import type { ServiceEnv } from '../handlerTypes';
import { exportHandlers } from './export';

/** The Report workspace's "Also as RTSTRUCT": export:send carries the choice to the exported objects. */
describe('export:send with rtstruct', () => {
  let userDataDir: string;
  let env: ServiceEnv;
  beforeAll(async () => {
    userDataDir = await mkdtemp(join(tmpdir(), 'liverplan-export-rt-'));
    env = { userDataDir, resourcesDir: userDataDir, appVersion: '0.1.0-test', host: 'preview' };
    await writeTestCaseDir(join(userDataDir, 'cases', 'test-case'));
  });
  afterAll(async () => {
    await rm(userDataDir, { recursive: true, force: true });
  });

  it('writes SEG, SR, PDF and RTSTRUCT when asked, and the three alone otherwise', async () => {
    const dispatch = createDispatcher(
      exportHandlers(env) as never,
      () => undefined,
      () => undefined,
    );
    const send = async (out: string, rtstruct?: boolean) => {
      const res = await dispatch('export:send', {
        jobId: `j-${out}`,
        caseId: 'test-case',
        target: { kind: 'folder', path: join(userDataDir, out) },
        ...(rtstruct === undefined ? {} : { rtstruct }),
      });
      expect(res).toMatchObject({ ok: true, value: { state: 'done' } });
      const [study] = await readdir(join(userDataDir, out));
      return (await readdir(join(userDataDir, out, study!))).length;
    };
    expect(await send('with', true)).toBe(4);
    expect(await send('without')).toBe(3);
  });
});
