import { join } from 'node:path';
import { z } from 'zod';
import { caseDocumentSchema, CASE_FILE, LABELS_FILE } from '../../../shared/case/model';

/**
 * On-disk layout of one case (<userData>/cases/<caseId>/):
 *   case.json, labels.nii.gz   the last explicit save, readable by other tools;
 *   store.json                 which snapshot those two files are, with their hashes;
 *   snapshots/<seq>-<kind>.json (+ .labels.nii.gz)  the journal: every save and autosave.
 * A snapshot's manifest is written last, so its presence is the commit point.
 */
export const STORE_FILE = 'store.json';
export const SNAPSHOT_DIR = 'snapshots';
export { CASE_FILE, LABELS_FILE };

export type SnapshotKind = 'save' | 'autosave';

export const storeStateSchema = z.object({
  format: z.literal(1),
  seq: z.number().int().min(0),
  savedAt: z.string(),
  caseSha256: z.string(),
  labelsSha256: z.string().nullable(),
});
export type StoreState = z.infer<typeof storeStateSchema>;

export const snapshotManifestSchema = z.object({
  format: z.literal(1),
  seq: z.number().int().min(1),
  kind: z.enum(['save', 'autosave']),
  savedAt: z.string(),
  document: caseDocumentSchema,
  labelsFile: z.string().nullable(),
  labelsSha256: z.string().nullable(),
});
export type SnapshotManifest = z.infer<typeof snapshotManifestSchema>;

const CASE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** Case ids become folder names: only a safe alphabet, never a path. */
export function isCaseId(id: string): boolean {
  return CASE_ID.test(id);
}

export function caseDir(root: string, caseId: string): string {
  return join(root, caseId);
}

export function snapshotName(seq: number, kind: SnapshotKind): string {
  return `${String(seq).padStart(10, '0')}-${kind}.json`;
}

export function snapshotLabelsName(seq: number): string {
  return `${String(seq).padStart(10, '0')}.labels.nii.gz`;
}

/** Parses a journal file name; null for anything else (temp debris, labels files). */
export function parseSnapshotName(name: string): { seq: number; kind: SnapshotKind } | null {
  const m = /^(\d{10})-(save|autosave)\.json$/.exec(name);
  return m ? { seq: Number(m[1]), kind: m[2] as SnapshotKind } : null;
}

export function parseSnapshotLabelsName(name: string): number | null {
  const m = /^(\d{10})\.labels\.nii\.gz$/.exec(name);
  return m ? Number(m[1]) : null;
}
