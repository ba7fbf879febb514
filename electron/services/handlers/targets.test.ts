import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTestCaseDir } from '../export/testing/testCaseDir';
import type { HandlerContext, ServiceEnv } from '../handlerTypes';
import { configuredPacsHosts, targetsFile } from '../targets/targetStore';
import { targetsHandlers } from './targets';

describe('targets handlers', () => {
  let userDataDir: string;
  let env: ServiceEnv;
  const ctx: HandlerContext = { emit: () => undefined, signal: new AbortController().signal };
  beforeAll(async () => {
    userDataDir = await mkdtemp(join(tmpdir(), 'liverplan-targets-'));
    env = { userDataDir, resourcesDir: userDataDir, appVersion: '0.1.0-test', host: 'preview' };
  });
  afterAll(async () => {
    await rm(userDataDir, { recursive: true, force: true });
  });

  it('saves targets atomically, never echoes secrets, keeps them on edit and lists PACS hosts', async () => {
    const h = targetsHandlers(env);
    expect(await h['targets:list']!({}, ctx)).toEqual([]);
    expect(configuredPacsHosts(userDataDir)).toEqual([]);
    const web = await h['targets:save']!(
      {
        name: 'Hospital PACS',
        target: {
          kind: 'dicomweb',
          url: 'https://pacs.example.org/dicom-web',
          auth: { type: 'basic', username: 'ir', password: 's3cret' },
        },
      },
      ctx,
    );
    expect(web.target).toEqual({
      kind: 'dicomweb',
      url: 'https://pacs.example.org/dicom-web',
      auth: { type: 'basic', username: 'ir', secretSaved: true },
    });
    expect(JSON.stringify(await h['targets:list']!({}, ctx))).not.toContain('s3cret');
    // Renamed with an empty password: the saved one stays.
    await h['targets:save']!(
      {
        id: web.id,
        name: 'PACS',
        target: {
          kind: 'dicomweb',
          url: 'https://pacs.example.org/dicom-web',
          auth: { type: 'basic', username: 'ir', password: '' },
        },
      },
      ctx,
    );
    const file = await readFile(targetsFile(userDataDir), 'utf8');
    expect(file).not.toContain('s3cret'); // no keyring in this host: kept for the session only
    expect(JSON.parse(file).targets[0].secret).toEqual({ storage: 'session' });
    expect(file).toContain('"PACS"');
    expect(((await stat(targetsFile(userDataDir))).mode & 0o777).toString(8)).toBe('600');
    await h['targets:save']!(
      {
        name: 'Modality router',
        target: { kind: 'dimse', host: 'Router.Example.org', port: 104, calledAe: 'ROUTER', callingAe: 'LIVERPLAN' },
      },
      ctx,
    );
    expect(configuredPacsHosts(userDataDir).sort()).toEqual(['pacs.example.org', 'router.example.org']);
    expect((await h['targets:list']!({}, ctx)).map((t) => t.name)).toEqual(['PACS', 'Modality router']);
    expect(await h['targets:remove']!({ id: web.id }, ctx)).toEqual({ removed: true });
    expect(configuredPacsHosts(userDataDir)).toEqual(['router.example.org']);
    await expect(
      h['targets:save']!({ id: 'nosuch', name: 'x', target: { kind: 'folder', path: '/tmp' } }, ctx),
    ).rejects.toThrow('no saved target');
  });

  it('sends a case to a saved folder target and refuses C-ECHO on a folder', async () => {
    await writeTestCaseDir(join(userDataDir, 'cases', 'test-case'));
    const h = targetsHandlers(env);
    const out = join(userDataDir, 'out');
    const folder = await h['targets:save']!({ name: 'Teaching folder', target: { kind: 'folder', path: out } }, ctx);
    const job = await h['targets:send']!(
      {
        jobId: 'j1',
        caseId: 'test-case',
        targetId: folder.id,
        deidentify: { patientName: 'Teaching^Case', patientId: 'T1' },
      },
      ctx,
    );
    expect(job.state).toBe('done');
    expect(job.label).toContain('de-identified');
    expect((await readdir(out, { recursive: true })).filter((f) => f.endsWith('.dcm')).length).toBe(job.files.length);
    await expect(h['targets:echo']!({ targetId: folder.id }, ctx)).rejects.toThrow('DIMSE targets only');
    await expect(h['targets:send']!({ jobId: 'j2', caseId: 'test-case', targetId: 'gone' }, ctx)).rejects.toThrow(
      'no longer saved',
    );
  });
});
