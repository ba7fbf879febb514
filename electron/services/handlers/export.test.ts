import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostEvent } from '../../../shared/ipc/contract';
import { freePort } from '../../../tests/support/orthanc';
import { createDispatcher } from '../dispatch';
import { writeTestCaseDir } from '../export/testing/testCaseDir';
import type { HandlerContext, ServiceEnv } from '../handlerTypes';
import { exportHandlers } from './export';

describe('export handlers', () => {
  let userDataDir: string;
  let env: ServiceEnv;
  const events: HostEvent[] = [];
  const ctx: HandlerContext = { emit: (e) => events.push(e), signal: new AbortController().signal };
  beforeAll(async () => {
    userDataDir = await mkdtemp(join(tmpdir(), 'liverplan-exporth-'));
    env = { userDataDir, resourcesDir: userDataDir, appVersion: '0.1.0-test', host: 'preview' };
    await writeTestCaseDir(join(userDataDir, 'cases', 'test-case'));
  });
  afterAll(async () => {
    await rm(userDataDir, { recursive: true, force: true });
  });

  it('previews the report model and its PDF, and saves the PDF to a file', async () => {
    const h = exportHandlers(env);
    const keyImage = {
      caption: 'Captured viewport',
      pngBase64: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC',
      width: 1,
      height: 1,
    };
    const r = await h['export:report']!(
      { caseId: 'test-case', extras: { indication: 'MWA planning', keyImages: [keyImage] } },
      ctx,
    );
    expect(r.model.indication).toBe('MWA planning');
    // Captures follow the key images chosen by content.
    expect(r.model.keyImages.at(-1)).toEqual(keyImage);
    expect(r.model.keyImages.length).toBeGreaterThan(1);
    expect(r.model.versions.software).toBe('LiverPlan 0.1.0-test');
    expect(r.pdf, 'the PDF crosses as bytes').toBeInstanceOf(Uint8Array);
    expect(Buffer.from(r.pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    const doc = await PDFDocument.load(r.pdf);
    expect(doc.getTitle()).toBe(r.model.title);
    const path = join(userDataDir, 'report.pdf');
    const saved = await h['export:savePdf']!({ caseId: 'test-case', path }, ctx);
    expect((await readFile(path)).subarray(0, 5).toString()).toBe('%PDF-');
    expect(saved.bytes).toBeGreaterThan(1000);
  });

  it('saves the previewed PDF itself while the case and extras are unchanged, a fresh one otherwise', async () => {
    const h = exportHandlers(env);
    const extras = { indication: 'TACE' };
    const shown = await h['export:report']!({ caseId: 'test-case', extras }, ctx);
    // The PDF carries its build time (to the second): a second render would differ from it.
    const nextSecond = () => new Promise((r) => setTimeout(r, 1100));
    await nextSecond();
    const same = join(userDataDir, 'same.pdf');
    await h['export:savePdf']!({ caseId: 'test-case', path: same, extras }, ctx);
    expect(Buffer.compare(await readFile(same), Buffer.from(shown.pdf))).toBe(0);
    const other = join(userDataDir, 'other.pdf');
    await h['export:savePdf']!({ caseId: 'test-case', path: other, extras: { indication: 'SIRT' } }, ctx);
    expect(Buffer.compare(await readFile(other), Buffer.from(shown.pdf))).not.toBe(0);
    // The case changed on disk after the preview: the save renders it again.
    const caseFile = join(userDataDir, 'cases', 'test-case', 'case.json');
    await writeFile(caseFile, await readFile(caseFile));
    await utimes(caseFile, new Date(), new Date(Date.now() + 60_000));
    await nextSecond();
    const after = join(userDataDir, 'after.pdf');
    await h['export:savePdf']!({ caseId: 'test-case', path: after, extras }, ctx);
    expect(Buffer.compare(await readFile(after), Buffer.from(shown.pdf))).not.toBe(0);
  });

  it('exports to a folder through the queue and announces the job', async () => {
    const dispatch = createDispatcher(
      exportHandlers(env) as never,
      (e) => events.push(e),
      () => undefined,
    );
    const out = join(userDataDir, 'out');
    const res = await dispatch('export:send', {
      jobId: 'j1',
      caseId: 'test-case',
      target: { kind: 'folder', path: out },
    });
    expect(res.ok).toBe(true);
    const job = (res as { value: { state: string; target: string } }).value;
    expect(job).toMatchObject({ state: 'done', target: `folder ${out}` });
    const [study] = await readdir(out);
    expect(await readdir(join(out, study!))).toHaveLength(3);
    expect(events.at(-1)?.topic).toBe('export-queue');
  });

  it('keeps a failed send with its reason, lists it, and retries it in one call', async () => {
    const h = exportHandlers(env);
    const port = await freePort();
    const job = await h['export:send']!(
      {
        jobId: 'j2',
        caseId: 'test-case',
        target: { kind: 'dimse', host: '127.0.0.1', port, calledAe: 'PACS', callingAe: 'LIVERPLAN' },
      },
      ctx,
    );
    expect(job.state).toBe('failed');
    expect(job.lastError).toMatch(/cannot reach PACS@127\.0\.0\.1:\d+: ECONNREFUSED/);
    // A fresh handler set (app restart) still sees the job.
    const again = exportHandlers(env);
    const listed = await again['export:queue']!({}, ctx);
    expect(listed.find((j) => j.id === job.id)?.state).toBe('failed');
    const retried = await again['export:retry']!({ jobId: 'j3', queueJobId: job.id }, ctx);
    expect(retried).toMatchObject({ state: 'failed', attempts: 2 });
    await again['export:remove']!({ queueJobId: job.id }, ctx);
    expect((await again['export:queue']!({}, ctx)).some((j) => j.id === job.id)).toBe(false);
  });

  it('refuses unknown cases and non-DIMSE echo with actionable errors', async () => {
    const h = exportHandlers(env);
    await expect(h['export:report']!({ caseId: 'nope' }, ctx)).rejects.toThrow(/Case nope cannot be exported/);
    await expect(h['export:echo']!({ target: { kind: 'folder', path: '/tmp' } }, ctx)).rejects.toThrow(
      /DIMSE targets only/,
    );
    const dispatch = createDispatcher(
      h as never,
      () => undefined,
      () => undefined,
    );
    const bad = await dispatch('export:report', { caseId: '../etc' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });
});
