import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SendQueue } from './sendQueue';
import { parseTarget } from './target';

const folder = { kind: 'folder' as const, path: '/nowhere' };
const files = [
  { name: 'a.dcm', bytes: new Uint8Array([1, 2, 3]) },
  { name: 'b/../c.dcm', bytes: new Uint8Array([4]) },
];

describe('SendQueue (persistence, no network)', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'liverplan-sq-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('persists jobs with their files, records failures and succeeds on retry', async () => {
    let fail = true;
    const sent: string[][] = [];
    const queue = new SendQueue(root, async (_t, paths) => {
      if (fail) throw new Error('PACS down');
      sent.push(await Promise.all(paths.map(async (p) => (await readFile(p)).toString('hex'))));
    });
    const job = await queue.enqueue(folder, files, 'two files');
    expect(job.files).toEqual(['0001-a.dcm', '0002-b_.._c.dcm']);
    const failed = await queue.process(job.id);
    expect(failed).toMatchObject({ state: 'failed', attempts: 1, lastError: 'folder /nowhere: PACS down' });
    fail = false;
    const done = await new SendQueue(root, queue['send']).retry(job.id);
    expect(done).toMatchObject({ state: 'done', attempts: 2 });
    expect(done.lastError).toBeUndefined();
    expect(sent).toEqual([['010203', '04']]);
  });

  it('after a crash, a job caught mid-send is pending again and half-enqueued debris is dropped', async () => {
    const queue = new SendQueue(root, async () => undefined);
    const job = await queue.enqueue(folder, files, 'crash');
    const jobFile = join(root, job.id, 'job.json');
    await writeFile(jobFile, JSON.stringify({ ...JSON.parse(await readFile(jobFile, 'utf8')), state: 'sending' }));
    await mkdir(join(root, 'half-written'));
    await writeFile(join(root, 'half-written', '0001-x.dcm'), 'partial');
    const jobs = await new SendQueue(root).list();
    expect(jobs.map((j) => [j.id, j.state])).toEqual([[job.id, 'pending']]);
    expect(await readdir(root)).toEqual([job.id]);
    expect((await new SendQueue(root, async () => undefined).processPending()).map((j) => j.state)).toEqual(['done']);
  });

  it('runs one send per job at a time and refuses unknown ids', async () => {
    let calls = 0;
    const queue = new SendQueue(root, async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 20));
    });
    const job = await queue.enqueue(folder, files, 'once');
    await Promise.all([queue.process(job.id), queue.process(job.id)]);
    expect(calls).toBe(1);
    await expect(queue.retry('../../etc')).rejects.toThrow(/no send job/);
    await expect(queue.enqueue(folder, [], 'empty')).rejects.toThrow(/nothing to send/);
  });
});

describe('parseTarget', () => {
  it('reads the three CLI forms and takes credentials from the environment', () => {
    expect(parseTarget('folder:/tmp/x')).toEqual({ kind: 'folder', path: '/tmp/x' });
    expect(parseTarget('dimse:PACS@10.0.0.5:11112', {}, 'ME')).toEqual({
      kind: 'dimse',
      calledAe: 'PACS',
      host: '10.0.0.5',
      port: 11112,
      callingAe: 'ME',
    });
    expect(parseTarget('dicomweb:https://pacs/dicom-web/', { LIVERPLAN_DICOMWEB_TOKEN: 't' })).toEqual({
      kind: 'dicomweb',
      url: 'https://pacs/dicom-web',
      auth: { type: 'bearer', token: 't' },
    });
    expect(
      parseTarget('dicomweb:http://p', { LIVERPLAN_DICOMWEB_USER: 'u', LIVERPLAN_DICOMWEB_PASSWORD: 'p' }).kind,
    ).toBe('dicomweb');
    expect(() => parseTarget('dimse:PACS@host')).toThrow(/AET@HOST:PORT/);
    expect(() => parseTarget('dimse:WAYTOOLONGAETITLE1@h:104')).toThrow(/AET@HOST:PORT/);
    expect(() => parseTarget('ftp:x')).toThrow(/unknown target/);
  });
});
