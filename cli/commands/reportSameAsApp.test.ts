import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTestCaseDir } from '../../electron/services/export/testing/testCaseDir';
import { exportHandlers } from '../../electron/services/handlers/export';
import type { HandlerContext, ServiceEnv } from '../../electron/services/handlerTypes';
import { reportSections } from '../../shared/report/reportSections';
import type { ReportModel } from '../../shared/report/model';
import { main } from '../main';

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

const hasPdftotext = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** The PDF's words, without the generation time (the one line that must differ). */
const pdfText = (file: string) =>
  execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
    .split('\n')
    .map((l) => l.replace(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/g, '<time>').trimEnd())
    .join('\n');

/**
 * The headless report (`liverplan report --image DIR --labels FILE --pdf FILE`) against the app's
 * (the export:report handler on the saved case the files came from): same key images chosen by
 * content, same printed sections, same PDF text.
 */
describe('liverplan report --image --labels gives the report the app gives', () => {
  let dir: string;
  let appModel: ReportModel;
  let cli: { keyImages: string[] };
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'liverplan-report-same-'));
    const userDataDir = join(dir, 'userData');
    await writeTestCaseDir(join(userDataDir, 'cases', 'test-case'));
    // The case's own SEG, as the app exports it, is what the headless run reads.
    const out = capture();
    const caseDir = join(userDataDir, 'cases', 'test-case');
    expect(
      await main(
        ['export', '--case', caseDir, '--to', `folder:${join(dir, 'seg')}`, '--queue', join(dir, 'q'), '--json'],
        out.stream,
      ),
    ).toBe(0);
    const segSop = (JSON.parse(out.text()) as { objects: { name: string; sopInstanceUid: string }[] }).objects.find(
      (o) => o.name === 'seg.dcm',
    )!.sopInstanceUid;
    const seg = (await readdir(join(dir, 'seg'), { recursive: true })).find((n) => n.endsWith(`${segSop}.dcm`))!;
    // The case's notes are the app's indication; the files carry none, so the CLI is told.
    const { notes } = JSON.parse(await readFile(join(caseDir, 'case.json'), 'utf8')) as { notes: string };
    const json = capture();
    const err = capture();
    const code = await main(
      [
        'report',
        '--image',
        join(caseDir, 'series'),
        '--labels',
        join(dir, 'seg', seg),
        '--pdf',
        join(dir, 'cli.pdf'),
        '--indication',
        notes,
        '--json',
      ],
      json.stream,
      err.stream,
    );
    expect(code, err.text()).toBe(0);
    cli = JSON.parse(json.text());
    const env: ServiceEnv = { userDataDir, resourcesDir: userDataDir, appVersion: '0.1.0', host: 'cli' };
    const ctx: HandlerContext = { emit: () => undefined, signal: new AbortController().signal };
    const r = await exportHandlers(env)['export:report']!({ caseId: 'test-case' }, ctx);
    appModel = r.model;
    await writeFile(join(dir, 'app.pdf'), r.pdf);
  }, 120_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('chooses the same key images (structure and slice) by content', () => {
    expect(cli.keyImages.length).toBeGreaterThanOrEqual(2);
    expect(cli.keyImages).toEqual(appModel.keyImages.map((k) => k.caption));
    expect(cli.keyImages[0]).toMatch(/^L\d+ .* largest axial cross-section.*image \d+ of \d+/);
  });

  it('prints the same sections, with people-readable dates and no schema text', () => {
    const text = reportSections(appModel)
      .blocks.map((b) => JSON.stringify(b))
      .join('\n');
    expect(text).not.toMatch(/Invalid input|expected (number|string)|\(\)/);
    for (const heading of [
      'Volumetry',
      'Lesions',
      'Y-90 radioembolization',
      'Ablation plan and analysis',
      'Ablation confirmation',
      'Rule outcomes',
    ])
      expect(text).toContain(`"text":"${heading}"`);
  });

  it.skipIf(!hasPdftotext)('writes a PDF with the same text as the app (pdftotext)', () => {
    expect(pdfText(join(dir, 'cli.pdf'))).toEqual(pdfText(join(dir, 'app.pdf')));
  });
});
