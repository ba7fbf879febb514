import { readFileSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTestCaseDir } from '../../electron/services/export/testing/testCaseDir';
import { CASE_FILE } from '../../shared/case/model';
import { baseInput } from '../../shared/planning/testing/baseInput';
import { readSeg } from '../../shared/seg/readSeg';
import { dciodvfyErrors } from '../../tests/support/dicomTools';
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

/**
 * Headless export: a series folder and a labels file give the same SEG segments and volumes and the
 * same report figures as the saved case they came from (the SEG being that case's own export, read
 * back as the app's import would read it), and the objects pass dciodvfy.
 */
describe('liverplan report / export --image --labels (no case folder)', () => {
  let dir: string;
  // The folder target writes <study>/<series>/<SOPInstanceUID>.dcm.
  const files = async (out: string) => {
    const names = (await readdir(out, { recursive: true })).filter((n) => n.endsWith('.dcm'));
    const pick = (sop: string) => {
      const name = names.find((n) => n.endsWith(`${sop}.dcm`));
      if (!name) throw new Error(`${sop}.dcm not written under ${out}`);
      return join(out, name);
    };
    return { names, pick };
  };
  const run = async (args: string[]) => {
    const out = capture();
    const err = capture();
    const code = await main([...args, '--json'], out.stream, err.stream);
    if (code !== 0) throw new Error(`${args.join(' ')}: ${err.text()}`);
    return JSON.parse(out.text());
  };
  let fromCase: { objects: { name: string; sopInstanceUid: string }[]; burdenPercent: number };
  let headless: typeof fromCase;
  let caseSeg: string;
  let headlessOut: Awaited<ReturnType<typeof files>>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'liverplan-cli-headless-'));
    await writeTestCaseDir(join(dir, 'case'));
    const queue = join(dir, 'queue');
    fromCase = await run(['export', '--case', join(dir, 'case'), '--to', `folder:${join(dir, 'a')}`, '--queue', queue]);
    const a = await files(join(dir, 'a'));
    caseSeg = a.pick(fromCase.objects.find((o) => o.name === 'seg.dcm')!.sopInstanceUid);
    headless = await run([
      'export',
      '--image',
      join(dir, 'case', 'series'),
      '--labels',
      caseSeg,
      '--to',
      `folder:${join(dir, 'b')}`,
      '--queue',
      queue,
    ]);
    headlessOut = await files(join(dir, 'b'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('export writes SEG, SR and PDF with the same segments, voxels and burden as the saved case', async () => {
    expect(headless.objects.map((o) => o.name)).toEqual(['seg.dcm', 'sr.dcm', 'report.dcm']);
    expect(headlessOut.names).toHaveLength(3);
    expect(headless.burdenPercent).toBeCloseTo(fromCase.burdenPercent, 6);
    const seg = (path: string) => readSeg(new Uint8Array(readFileSync(path)));
    const a = seg(caseSeg);
    const b = seg(headlessOut.pick(headless.objects[0]!.sopInstanceUid));
    const describe = (s: ReturnType<typeof seg>) =>
      s.segments.map((x, n) => ({
        number: x.number,
        label: x.label,
        type: x.coding?.type.value,
        voxels: (s.masks[n]!.data as Uint8Array).reduce((sum, v) => sum + (v ? 1 : 0), 0),
      }));
    expect(describe(b)).toEqual(describe(a));
    expect(describe(b).map((s) => s.voxels)).not.toContain(0);
    // Same grid; the saved case's spacing went through NIfTI float32 (1.200000048), the files' did not.
    expect(b.grid.dims).toEqual(a.grid.dims);
    for (const k of ['spacing', 'origin', 'direction'] as const)
      b.grid[k].forEach((v, n) => expect(v).toBeCloseTo(a.grid[k][n]!, 6));
    for (const [n, m] of b.masks.entries())
      expect(Buffer.from(m.data as Uint8Array).equals(Buffer.from(a.masks[n]!.data as Uint8Array))).toBe(true);
  });

  it('the headless SEG and SR pass dciodvfy', () => {
    for (const o of headless.objects.filter((x) => x.name !== 'report.dcm'))
      expect(dciodvfyErrors(headlessOut.pick(o.sopInstanceUid)), o.name).toEqual([]);
  });

  it('report gives the same figures from the files as from the saved case, plan inputs included', async () => {
    const planFile = join(dir, 'plan.json');
    const plan = baseInput();
    await writeFile(planFile, JSON.stringify(plan));
    // The same plan inputs saved in a case folder, as the app's Plan form keeps them.
    await cp(join(dir, 'case'), join(dir, 'planned'), { recursive: true });
    const doc = JSON.parse(await readFile(join(dir, 'planned', CASE_FILE), 'utf8')) as Record<string, unknown>;
    doc.series = (doc.series as { files: string[] }[]).map((s) => ({
      ...s,
      files: s.files.map((f) => join(dir, 'case', f)),
    }));
    await writeFile(join(dir, 'planned', CASE_FILE), JSON.stringify({ ...doc, planInput: plan }));
    const viaCase = await run(['report', '--case', join(dir, 'case'), '--pdf', join(dir, 'case.pdf')]);
    const viaFiles = await run([
      'report',
      '--image',
      join(dir, 'case', 'series'),
      '--labels',
      caseSeg,
      '--pdf',
      join(dir, 'files.pdf'),
    ]);
    // A saved case keeps its grid in NIfTI (float32 spacing); the files give DICOM's exact spacing.
    const figures = (r: Record<string, unknown>) =>
      JSON.parse(JSON.stringify({ ...r, pdf: undefined, bytes: undefined }), (_k, v: unknown) =>
        typeof v === 'number' ? Number(v.toPrecision(6)) : v,
      ) as unknown;
    expect(figures(viaFiles)).toEqual(figures(viaCase));
    expect(viaFiles).toMatchObject({ segments: 3, burden: { bin: expect.any(String) } });
    expect((viaFiles.margins as unknown[]).length).toBeGreaterThan(0);
    expect((await readFile(join(dir, 'files.pdf'))).subarray(0, 5).toString()).toBe('%PDF-');

    const withPlan = await run([
      'report',
      '--image',
      join(dir, 'case', 'series'),
      '--labels',
      caseSeg,
      '--plan',
      planFile,
      '--pdf',
      join(dir, 'plan.pdf'),
    ]);
    const savedWithPlan = await run(['report', '--case', join(dir, 'planned'), '--pdf', join(dir, 'planned.pdf')]);
    expect(figures(withPlan)).toEqual(figures(savedWithPlan));
    expect(withPlan.outcomes.length).toBeGreaterThan(0);
    expect(viaFiles.outcomes).toEqual([]);
  });
});
