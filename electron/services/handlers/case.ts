import { join } from 'node:path';
import { caseDocumentSchema } from '../../../shared/case/model';
import { newCaseSchema } from '../../../shared/ipc/channels/case';
import { createCaseStore, type OpenedCase } from '../case/caseStore';
import type { PartialHandlers, ServiceEnv } from '../handlerTypes';
import type { FileRegistry } from '../files/fileRegistry';
import type { createErrorLog } from '../log/errorLog';
import { ServiceError } from '../handlerTypes';

function toBytes(base64: string | null): Uint8Array | null {
  if (base64 === null) return null;
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length === 0 && base64.length > 0)
    throw new ServiceError(
      'invalid-labels',
      'The segmentation data arrived empty; nothing was saved. Try saving again.',
    );
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function toMessage(opened: OpenedCase) {
  const { labels, ...rest } = opened;
  return { ...rest, labelsBase64: labels ? Buffer.from(labels).toString('base64') : null };
}

/** case:* channels over the case store in <userData>/cases; recoveries go to the support log. */
export function caseHandlers(
  env: ServiceEnv,
  log?: ReturnType<typeof createErrorLog>,
  files?: FileRegistry,
): PartialHandlers {
  const store = createCaseStore(join(env.userDataDir, 'cases'));
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
    return toMessage(o);
  };
  return {
    'case:create': async (req) => toMessage(await store.create(withPaths(newCaseSchema.parse(req.input)))),
    'case:open': async (req) => opened(await store.open(req.caseId)),
    'case:save': async (req) => {
      const { seq, savedAt } = await store.save(
        withPaths(caseDocumentSchema.parse(req.document)),
        toBytes(req.labelsBase64),
      );
      return { seq, savedAt };
    },
    'case:autosave': async (req) =>
      store.autosave(withPaths(caseDocumentSchema.parse(req.document)), toBytes(req.labelsBase64)),
    'case:list': async () => store.list(),
    'case:recover': async (req) => opened(await store.resolveRecovery(req.caseId, req.action)),
    'case:versions': async (req) => store.versions(req.caseId),
    'case:restoreVersion': async (req) => {
      const { seq, savedAt } = await store.restoreVersion(req.caseId, req.seq);
      return { seq, savedAt };
    },
    'case:delete': async (req) => {
      await store.remove(req.caseId);
      return { deleted: true };
    },
  };
}
