import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CASE_FILE, LABELS_FILE } from '../../../shared/case/model';
import type { ReportExtras } from '../../../shared/report/reportExtras';
import { buildReportModel } from '../../../shared/report/buildReportModel';
import { renderReportPdf } from '../../../shared/report/renderReportPdf';
import { measureCase } from '../../../shared/export/buildCaseObjects';
import { seriesName } from '../../../shared/report/formatPeople';
import { writeFileAtomic } from '../case/atomicWrite';
import { caseDir } from '../case/caseLayout';
import { exportCase, queueDir } from '../export/exportCase';
import { loadCase } from '../export/loadCase';
import { liverplanSoftware } from '../export/software';
import { listDevices } from '../devices/userDevices';
import { cEcho } from '../pacs/dimse';
import { SendQueue, summariseJob } from '../pacs/sendQueue';
import { ServiceError, type HandlerContext, type PartialHandlers, type ServiceEnv } from '../handlerTypes';

/** Report preview, PDF file, PACS export and the persistent send queue. */
export function exportHandlers(env: ServiceEnv): PartialHandlers {
  const queue = new SendQueue(queueDir(env.userDataDir), undefined, 'app', env.secrets);
  const software = liverplanSoftware(env.appVersion, env.host);
  const dirOf = (caseId: string) => caseDir(join(env.userDataDir, 'cases'), caseId);

  const load = async (caseId: string) => {
    try {
      return await loadCase(dirOf(caseId));
    } catch (e) {
      throw new ServiceError('case-unreadable', `Case ${caseId} cannot be exported: ${(e as Error).message}`);
    }
  };
  const report = async (caseId: string, extras?: ReportExtras) => {
    const c = await load(caseId);
    const model = buildReportModel({
      caseDoc: c.caseDoc,
      labels: c.labels,
      volume: c.volume,
      measurements: measureCase(c.caseDoc, c.labels, c.volume),
      software,
      at: new Date(),
      extras,
      referenceSeries: seriesName(c.source[0]),
      referenceHeader: c.source[Math.floor(c.source.length / 2)],
      devices: (await listDevices(env.userDataDir)).entries,
    });
    return { model, pdf: await renderReportPdf(model) };
  };
  // The report last previewed, so "Save PDF" writes the very document the user read (same
  // timestamp) without rendering the PDF a second time: reused while the case files on disk and
  // the extras are those it was built from.
  let previewed: { key: string; pdf: Uint8Array } | null = null;
  const previewKey = async (caseId: string, extras?: ReportExtras) => {
    const stamps = await Promise.all(
      [CASE_FILE, LABELS_FILE].map((f) =>
        stat(join(dirOf(caseId), f)).then(
          (s) => `${s.size}:${s.mtimeMs}`,
          () => 'none',
        ),
      ),
    );
    return JSON.stringify([caseId, stamps, extras ?? null]);
  };
  const announce = (ctx: HandlerContext, job: ReturnType<typeof summariseJob>) =>
    ctx.emit({ topic: 'export-queue', payload: job });
  const toError = (e: unknown, code: string) =>
    e instanceof ServiceError ? e : new ServiceError(code, (e as Error).message);

  return {
    'export:report': async (req) => {
      const key = await previewKey(req.caseId, req.extras);
      const r = await report(req.caseId, req.extras);
      previewed = { key, pdf: r.pdf };
      return r;
    },
    'export:savePdf': async (req) => {
      const key = await previewKey(req.caseId, req.extras);
      const pdf = previewed?.key === key ? previewed.pdf : (await report(req.caseId, req.extras)).pdf;
      await writeFileAtomic(req.path, pdf).catch((e: Error) => {
        throw new ServiceError('write-failed', `Cannot write ${req.path}: ${e.message}`);
      });
      return { path: req.path, bytes: pdf.length };
    },
    'export:send': async (req, ctx) => {
      await load(req.caseId);
      const { job } = await exportCase(dirOf(req.caseId), req.target, queue, {
        software,
        extras: req.extras,
        deidentify: req.deidentify,
        rtstruct: req.rtstruct,
        signal: ctx.signal,
      }).catch((e) => {
        throw toError(e, 'export-failed');
      });
      const summary = summariseJob(job);
      announce(ctx, summary);
      return summary;
    },
    'export:echo': async (req, ctx) => {
      if (req.target.kind !== 'dimse')
        throw new ServiceError('invalid-target', 'C-ECHO applies to DIMSE targets only.');
      const t0 = performance.now();
      await cEcho(req.target, ctx.signal).catch((e: Error) => {
        throw new ServiceError('echo-failed', `C-ECHO failed: ${e.message}`);
      });
      return { ok: true as const, milliseconds: performance.now() - t0 };
    },
    'export:queue': async () => (await queue.list()).map(summariseJob),
    'export:retry': async (req, ctx) => {
      const job = await queue.retry(req.queueJobId, ctx.signal).catch((e) => {
        throw toError(e, 'no-such-job');
      });
      const summary = summariseJob(job);
      announce(ctx, summary);
      return summary;
    },
    'export:remove': async (req) => {
      await queue.remove(req.queueJobId).catch((e) => {
        throw toError(e, 'no-such-job');
      });
      return { removed: true };
    },
  };
}
