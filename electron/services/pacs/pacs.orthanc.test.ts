import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrthanc, startOrthanc, type OrthancInstance } from '../../../tests/support/orthanc';
import { cEcho } from './dimse';
import { SendQueue } from './sendQueue';
import type { Target } from './target';
import { makeTestInstances, withFreshUids, type TestStudy } from './testing/testInstances';

const orthancBinary = findOrthanc();
if (!orthancBinary)
  console.log('SKIP pacs.orthanc.test: Orthanc binary not found (apt-get install orthanc orthanc-dicomweb)');
const credentials = { username: 'planner', password: 's3cret' };

async function qidoInstances(orthanc: OrthancInstance, studyUid: string): Promise<string[]> {
  const res = await orthanc.get(`/dicom-web/studies/${studyUid}/instances`, 'application/dicom+json');
  if (res.status === 204) return [];
  expect(res.status).toBe(200);
  const json = (await res.json()) as Record<string, { Value: string[] }>[];
  return json.map((i) => i['00080018'].Value[0]).sort();
}

describe.skipIf(!orthancBinary)('PACS transports against a real Orthanc', () => {
  let orthanc: OrthancInstance;
  let dir: string;
  let study: TestStudy;
  beforeAll(async () => {
    study = await makeTestInstances();
    orthanc = await startOrthanc({ credentials });
    dir = await mkdtemp(join(tmpdir(), 'liverplan-queue-'));
  });
  afterAll(async () => {
    await orthanc?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('sends by STOW-RS with basic auth and reads every instance back byte-identical', async () => {
    const { studyUid, instances } = withFreshUids(study);
    const queue = new SendQueue(join(dir, 'q1'));
    const target: Target = { kind: 'dicomweb', url: orthanc.dicomWebUrl, auth: { type: 'basic', ...credentials } };
    const job = await queue.process((await queue.enqueue(target, instances, 'stow')).id);
    expect(job.lastError).toBeUndefined();
    expect(job.state).toBe('done');
    expect(await qidoInstances(orthanc, studyUid)).toEqual(instances.map((i) => i.sopInstanceUid).sort());
    // REST read-back: the stored SR file is the one we sent.
    const sr = instances.at(-2)!;
    const lookup = (await (
      await fetch(`${orthanc.httpUrl}/tools/lookup`, {
        method: 'POST',
        body: sr.sopInstanceUid,
        headers: { Authorization: `Basic ${Buffer.from('planner:s3cret').toString('base64')}` },
      })
    ).json()) as { ID: string }[];
    const file = new Uint8Array(await (await orthanc.get(`/instances/${lookup[0].ID}/file`)).arrayBuffer());
    expect(Buffer.from(file).equals(Buffer.from(sr.bytes))).toBe(true);
  });

  it('says why when the credentials are wrong and keeps the job for retry', async () => {
    const { instances } = withFreshUids(study);
    const queue = new SendQueue(join(dir, 'q2'));
    const target: Target = {
      kind: 'dicomweb',
      url: orthanc.dicomWebUrl,
      auth: { type: 'basic', username: 'planner', password: 'wrong' },
    };
    const job = await queue.process((await queue.enqueue(target, instances.slice(0, 1), 'bad auth')).id);
    expect(job.state).toBe('failed');
    expect(job.lastError).toMatch(/refused the credentials \(HTTP 401\)/);
  });

  it('answers C-ECHO and stores by C-STORE', async () => {
    const target: Target = {
      kind: 'dimse',
      host: '127.0.0.1',
      port: orthanc.dicomPort,
      calledAe: orthanc.aeTitle,
      callingAe: 'LIVERPLAN',
    };
    await cEcho(target);
    const { studyUid, instances } = withFreshUids(study);
    const queue = new SendQueue(join(dir, 'q3'));
    const job = await queue.process((await queue.enqueue(target, instances, 'cstore')).id);
    expect(job.lastError).toBeUndefined();
    expect(job.state).toBe('done');
    expect(await qidoInstances(orthanc, studyUid)).toEqual(instances.map((i) => i.sopInstanceUid).sort());
  });

  it('rejects a wrong called AE title with a reason', async () => {
    const target: Target = {
      kind: 'dimse',
      host: '127.0.0.1',
      port: orthanc.dicomPort,
      calledAe: 'NOTTHEPACS',
      callingAe: 'LIVERPLAN',
    };
    await expect(cEcho(target)).rejects.toThrow(/rejected the association/);
  });

  it('keeps the job through a PACS outage and a restart, then delivers it on one retry', async () => {
    const pacs = await startOrthanc({ aeTitle: 'OUTAGE' });
    const { httpPort, dicomPort } = pacs;
    await pacs.stop();
    const root = join(dir, 'q4');
    const target: Target = {
      kind: 'dimse',
      host: '127.0.0.1',
      port: dicomPort,
      calledAe: 'OUTAGE',
      callingAe: 'LIVERPLAN',
    };
    const { studyUid, instances } = withFreshUids(study);
    const first = new SendQueue(root);
    const failed = await first.process((await first.enqueue(target, instances, 'outage')).id);
    expect(failed.state).toBe('failed');
    expect(failed.lastError).toMatch(/cannot reach OUTAGE@127\.0\.0\.1:\d+: ECONNREFUSED/);

    // "Restart": a new queue over the same folder still has the job and every file.
    const second = new SendQueue(root);
    const [kept] = await second.list();
    expect(kept).toMatchObject({ id: failed.id, state: 'failed', attempts: 1 });
    expect((await readdir(join(root, kept.id))).filter((f) => f.endsWith('.dcm'))).toHaveLength(instances.length);

    const back = await startOrthanc({ aeTitle: 'OUTAGE', httpPort, dicomPort });
    try {
      const done = await second.retry(kept.id);
      expect(done).toMatchObject({ state: 'done', attempts: 2 });
      expect(await qidoInstances(back, studyUid)).toEqual(instances.map((i) => i.sopInstanceUid).sort());
    } finally {
      await back.stop();
    }
  });
});
