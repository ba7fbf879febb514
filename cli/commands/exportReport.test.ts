import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTestCaseDir } from '../../electron/services/export/testCaseDir';
import { main } from '../main';

/** A Writable standing in for stdout/stderr (typed `never` so it fits either parameter). */
function capture(): { stream: never; text: () => string } {
  let out = '';
  const stream = new Writable({
    write(chunk, _enc, cb) {
      out += chunk.toString();
      cb();
    },
  }) as never;
  return { stream, text: () => out };
}

describe('liverplan report / export', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'liverplan-cli-export-'));
    await writeTestCaseDir(join(dir, 'case'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('report --pdf writes the PDF report', async () => {
    const out = capture();
    const code = await main(['report', '--case', join(dir, 'case'), '--pdf', join(dir, 'r.pdf'), '--json'], out.stream);
    expect(code).toBe(0);
    expect(JSON.parse(out.text())).toMatchObject({ segments: 3, burden: { bin: expect.any(String) } });
    expect((await readFile(join(dir, 'r.pdf'))).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('export --to folder writes SEG, SR and PDF; a refused DIMSE target stays queued with its reason', async () => {
    const out = capture();
    const queue = join(dir, 'queue');
    expect(
      await main(
        ['export', '--case', join(dir, 'case'), '--to', `folder:${join(dir, 'out')}`, '--queue', queue, '--json'],
        out.stream,
      ),
    ).toBe(0);
    expect(JSON.parse(out.text()).objects.map((o: { name: string }) => o.name)).toEqual([
      'seg.dcm',
      'sr.dcm',
      'report.dcm',
    ]);
    const [study] = await readdir(join(dir, 'out'));
    expect(await readdir(join(dir, 'out', study!))).toHaveLength(3);

    const err = capture();
    expect(
      await main(
        ['export', '--case', join(dir, 'case'), '--to', 'dimse:PACS@127.0.0.1:1', '--queue', queue],
        out.stream,
        err.stream,
      ),
    ).toBe(1);
    expect(err.text()).toMatch(/kept in the queue as \S+ \(retry: liverplan export --retry \S+\): .*ECONNREFUSED/);
    const list = capture();
    expect(await main(['export', '--list', '--queue', queue, '--json'], list.stream)).toBe(0);
    expect(JSON.parse(list.text()).map((j: { state: string }) => j.state)).toEqual(['done', 'failed']);

    const usage = capture();
    expect(await main(['export', '--case', join(dir, 'case'), '--to', 'dimse:nope'], out.stream, usage.stream)).toBe(2);
    expect(usage.text()).toMatch(/AET@HOST:PORT/);
  });
});
