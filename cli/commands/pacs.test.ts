import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendToTarget } from '../../electron/services/pacs/sendToTarget';
import { makeTestInstances, type TestStudy } from '../../electron/services/pacs/testing/testInstances';
import { TargetStore } from '../../electron/services/targets/targetStore';
import { findOrthanc, startOrthanc, type OrthancInstance } from '../../tests/support/orthanc';
import { main } from '../main';

async function run(args: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    const code = await main(args, { write: (t: string) => (stdout += t) }, { write: (t: string) => (stderr += t) });
    return { code, stdout, stderr };
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

describe('liverplan pacs: usage', () => {
  it('says what is missing', async () => {
    expect((await run(['pacs', 'query'])).code).toBe(2);
    const unknown = await run(['pacs', 'query', '--target', 'Nowhere', '--patient-id', 'X'], {
      LIVERPLAN_USER_DATA: tmpdir(),
    });
    expect(unknown.stderr).toMatch(/no saved target named 'Nowhere'/);
    const noKeys = await run(['pacs', 'query', '--target', 'dicomweb:http://127.0.0.1:9/dicom-web']);
    expect(noKeys).toMatchObject({ code: 2 });
    expect(noKeys.stderr).toMatch(/give at least one of patient name/);
  });
});

const orthancBinary = findOrthanc();
if (!orthancBinary)
  console.log('SKIP pacs CLI against Orthanc: Orthanc binary not found (apt-get install orthanc orthanc-dicomweb)');

describe.skipIf(!orthancBinary)('liverplan pacs against a real Orthanc', () => {
  let orthanc: OrthancInstance;
  let dir: string;
  let study: TestStudy;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'liverplan-pacs-cli-'));
    orthanc = await startOrthanc();
    study = await makeTestInstances();
    const files = await Promise.all(
      study.instances.map(async (i) => {
        const f = join(dir, i.name);
        await writeFile(f, i.bytes);
        return f;
      }),
    );
    await sendToTarget({ kind: 'dicomweb', url: orthanc.dicomWebUrl }, files);
    await new TargetStore(join(dir, 'userData')).save({
      name: 'Orthanc',
      target: { kind: 'dicomweb', url: orthanc.dicomWebUrl },
    });
  }, 60_000);
  afterAll(async () => {
    await orthanc?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('queries a saved target by name and retrieves the study into the import folder, JSON only on stdout', async () => {
    const env = { LIVERPLAN_USER_DATA: join(dir, 'userData') };
    const q = await run(
      ['pacs', 'query', '--target', 'Orthanc', '--patient-name', 'TEST', '--date', '2026-01-01', '--json'],
      env,
    );
    expect(q.code).toBe(0);
    const found = JSON.parse(q.stdout) as { studies: { studyInstanceUid: string; modalities: string[] }[] };
    expect(found.studies.map((s) => s.studyInstanceUid)).toEqual([study.studyUid]);
    const r = await run(['pacs', 'retrieve', '--target', 'Orthanc', '--study', study.studyUid, '--json'], env);
    expect(r.code).toBe(0);
    const got = JSON.parse(r.stdout) as { folder: string; files: number; via: string };
    expect(got).toMatchObject({ folder: join(dir, 'userData', 'import', study.studyUid), files: 19, via: 'WADO-RS' });
    const series = await readdir(got.folder);
    expect(series).toHaveLength(4);
  }, 60_000);
});
