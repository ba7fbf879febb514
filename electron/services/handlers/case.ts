import { join } from 'node:path';
import { caseDocumentSchema } from '../../../shared/case/model';
import { newCaseSchema, type LabelsPayload } from '../../../shared/ipc/channels/case';
import { createCaseStore, type OpenedCase } from '../case/caseStore';
import { createLabelsBase } from '../case/labelsBase';
import type { PartialHandlers, ServiceEnv } from '../handlerTypes';
import type { FileRegistry } from '../files/fileRegistry';
import type { createErrorLog } from '../log/errorLog';
import { createCaseLocks } from '../locks/caseLocks';

/** case:* channels over the case store in <userData>/cases; recoveries go to the support log. */
export function caseHandlers(
  env: ServiceEnv,
  log?: ReturnType<typeof createErrorLog>,
  files?: FileRegistry,
): PartialHandlers {
  const store = createCaseStore(join(env.userDataDir, 'cases'));
  // What each case's last write held, so autosaves may send only the slices that changed.
  const bases = createLabelsBase();
  const known = <T extends OpenedCase>(o: T): T => {
    bases.remember(o.document.caseId, o.seq, o.labels);
    return o;
  };
  const write = async (kind: 'save' | 'autosave', req: { document: unknown; labels: LabelsPayload }) => {
    const document = withPaths(caseDocumentSchema.parse(req.document));
    const resolved = await bases.resolve(document.caseId, req.labels);
    if ('stale' in resolved) return { resend: 'whole' as const, reason: resolved.stale };
    const { file, labelmap } = resolved;
    try {
      const { seq, savedAt } = await (kind === 'save' ? store.save(document, file) : store.autosave(document, file));
      bases.remember(document.caseId, seq, file, labelmap);
      return { seq, savedAt };
    } catch (e) {
      bases.forget(document.caseId);
      throw e;
    }
  };
  // A case open here is locked against a second LiverPlan or the CLI (issue 18.8).
  const locks = createCaseLocks(store.root, env.host === 'cli' ? 'cli' : 'app');
  // The renderer knows instances only by /files ids; a case on disk must name real paths so the
  // CLI and the export can read its source series without this session's registry.
  const withPaths = <T extends { series: { files: string[] }[] }>(doc: T): T => ({
    ...doc,
    series: doc.series.map((s) => ({ ...s, files: s.files.map((f) => files?.resolve(f) ?? f) })),
  });
  const opened = (o: OpenedCase) => {
    if (o.recovery)
      log?.write({
        source: 'case-store',
        message: o.recovery.message,
        context: `case ${o.document.caseId} seq ${o.seq} (${o.recovery.kind})`,
      });
    return known(o);
  };
  return {
    'case:create': async (req) => {
      const created = await store.create(withPaths(newCaseSchema.parse(req.input)));
      await locks.hold(created.document.caseId);
      return known(created);
    },
    'case:open': async (req) => {
      await locks.hold(req.caseId);
      return opened(await store.open(req.caseId));
    },
    'case:save': async (req) => {
      await locks.hold(req.document.caseId);
      return write('save', req);
    },
    'case:autosave': async (req) => {
      await locks.hold(req.document.caseId);
      return write('autosave', req);
    },
    'case:list': async () => store.list(),
    'case:recover': async (req) => {
      await locks.hold(req.caseId);
      return opened(await store.resolveRecovery(req.caseId, req.action));
    },
    'case:versions': async (req) => store.versions(req.caseId),
    'case:restoreVersion': async (req) => {
      await locks.hold(req.caseId);
      const { seq, savedAt, labels } = await store.restoreVersion(req.caseId, req.seq);
      bases.remember(req.caseId, seq, labels);
      return { seq, savedAt };
    },
    'case:delete': async (req) => {
      await locks.around(req.caseId, () => store.remove(req.caseId));
      await locks.release(req.caseId);
      bases.forget(req.caseId);
      return { deleted: true };
    },
  };
}
