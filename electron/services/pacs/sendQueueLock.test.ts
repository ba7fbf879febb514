import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHolder, exited, startHolder } from '../locks/testing/spawnHolder';
import { SendQueue } from './sendQueue';

const folder = { kind: 'folder' as const, path: '/nowhere' };
const files = [{ name: 'a.dcm', bytes: new Uint8Array([1, 2, 3]) }];

let work: string;
let childJs: string;
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'lp-sqlock-'));
  childJs = await buildHolder(work);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('send queue shared by two processes', () => {
  it('a job another process is sending is neither sent twice, reset, nor rewritten', async () => {
    const root = mkdtempSync(join(work, 'q-'));
    let sends = 0;
    const queue = new SendQueue(root, async () => void sends++, 'cli');
    const job = await queue.enqueue(folder, files, 'one file');
    const jobFile = join(root, job.id, 'job.json');
    // The other process (here a lock holder) is in the middle of sending it.
    const sending = JSON.parse(readFileSync(jobFile, 'utf8')) as Record<string, unknown>;
    await writeFile(jobFile, JSON.stringify({ ...sending, state: 'sending', attempts: 1 }));
    const holder = startHolder(childJs, join(root, job.id), 'app');
    expect(await holder.firstLine).toMatch(/^held /);
    try {
      const before = readFileSync(jobFile, 'utf8');
      await expect(queue.process(job.id)).rejects.toThrow(
        new RegExp(
          `^This send job is being sent by LiverPlan \\(pid ${holder.child.pid} on host .+ since \\d\\d:\\d\\d\\)`,
        ),
      );
      await expect(queue.remove(job.id)).rejects.toThrow(/being sent by LiverPlan/);
      expect((await queue.list()).map((j) => j.state)).toEqual(['sending']); // not taken for a crash
      expect(await queue.processPending()).toEqual([]);
      expect(sends).toBe(0);
      expect(readFileSync(jobFile, 'utf8')).toBe(before);
    } finally {
      holder.child.kill('SIGKILL');
      await exited(holder.child);
    }
    // The sender died mid-send: the job is pending again and goes out once.
    expect((await queue.list()).map((j) => j.state)).toEqual(['pending']);
    expect((await queue.processPending()).map((j) => j.state)).toEqual(['done']);
    expect(sends).toBe(1);
  }, 60_000);

  it('a job folder another process is still filling is not cleared as debris', async () => {
    const root = mkdtempSync(join(work, 'q-'));
    const dir = join(root, 'being-enqueued');
    await mkdir(dir);
    await writeFile(join(dir, '0001-a.dcm'), 'half');
    const holder = startHolder(childJs, dir, 'cli');
    expect(await holder.firstLine).toMatch(/^held /);
    const queue = new SendQueue(root);
    try {
      expect(await queue.list()).toEqual([]);
      expect(await readdir(root)).toEqual(['being-enqueued']);
    } finally {
      holder.child.kill('SIGKILL');
      await exited(holder.child);
    }
    // Its writer died: now it is debris.
    expect(await queue.list()).toEqual([]);
    expect(await readdir(root)).toEqual([]);
  }, 60_000);
});
