import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { caseDocumentSchema, type CaseDocument } from '../../../shared/case/model';
import { ServiceError } from '../handlerTypes';
import { fsyncDir, TEMP_SUFFIX, writeFileAtomic } from './atomicWrite';
import {
  CASE_FILE,
  caseDir,
  isCaseId,
  LABELS_FILE,
  parseSnapshotLabelsName,
  parseSnapshotName,
  SNAPSHOT_DIR,
  snapshotLabelsName,
  snapshotManifestSchema,
  snapshotName,
  STORE_FILE,
  storeStateSchema,
  type SnapshotKind,
  type SnapshotManifest,
  type StoreState,
} from './caseLayout';
import { checkLabelsFile } from './checkLabelsFile';

/** Explicit saves kept as previous versions (the journal keeps them; older ones are pruned). */
export const KEEP_VERSIONS = 5;
/** Autosaves kept beyond the newest, in case the newest is unreadable for a reason fsync cannot prevent. */
const KEEP_AUTOSAVES = 2;

export type NewCase = Omit<CaseDocument, 'schemaVersion' | 'caseId' | 'createdAt' | 'updatedAt'>;

export interface CaseState {
  document: CaseDocument;
  /** labels.nii.gz bytes, or null when the case has no labelmap yet. */
  labels: Uint8Array | null;
  seq: number;
  savedAt: string;
}

export interface OpenedCase extends CaseState {
  /** Where the returned state came from. */
  source: 'saved' | 'autosave' | 'version';
  /** Set when what was opened is not simply the last save; the message is for the user. */
  recovery: { kind: 'autosave' | 'interrupted-save' | 'damaged'; message: string; lastSavedAt: string | null } | null;
}

export interface CaseSummary {
  caseId: string;
  patientName: string;
  patientId: string;
  studyDescription: string;
  studyDate: string;
  updatedAt: string;
  segmentCount: number;
  /** An autosave newer than the last save exists: opening will offer it. */
  hasUnsavedAutosave: boolean;
}

export interface VersionInfo {
  seq: number;
  kind: SnapshotKind;
  savedAt: string;
}

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

const when = (iso: string) => iso.replace('T', ' ').slice(0, 19) + ' UTC';

/**
 * Case persistence over a folder of cases. Every write goes through the
 * journal first (snapshot labels, then its manifest, each atomic), so a crash
 * at any instant leaves either the previous or the new state reachable; open()
 * picks the newest intact one and says so when it is not the last save.
 */
export function createCaseStore(root: string, now: () => Date = () => new Date()) {
  const locks = new Map<string, Promise<unknown>>();
  const lastSeq = new Map<string, number>();

  /** Serialises writes per case: autosave and save may arrive together over IPC. */
  function locked<T>(caseId: string, job: () => Promise<T>): Promise<T> {
    const prev = locks.get(caseId) ?? Promise.resolve();
    const next = prev.then(job, job);
    const tail = next.catch(() => undefined);
    locks.set(caseId, tail);
    void tail.then(() => {
      if (locks.get(caseId) === tail) locks.delete(caseId);
    });
    return next;
  }

  function dirOf(caseId: string): string {
    if (!isCaseId(caseId)) throw new ServiceError('invalid-case-id', `"${caseId.slice(0, 80)}" is not a case id.`);
    return caseDir(root, caseId);
  }

  async function nextSeq(caseId: string, dir: string): Promise<number> {
    let seq = lastSeq.get(caseId);
    if (seq === undefined) {
      seq = (await readStore(dir))?.seq ?? 0;
      for (const name of await listDir(join(dir, SNAPSHOT_DIR))) {
        const s = parseSnapshotName(name)?.seq ?? parseSnapshotLabelsName(name);
        if (s !== null && s !== undefined && s > seq) seq = s;
      }
    }
    lastSeq.set(caseId, seq + 1);
    return seq + 1;
  }

  function checkLabels(labels: Uint8Array | null): void {
    if (!labels) return;
    const check = checkLabelsFile(labels);
    if ('reason' in check) {
      throw new ServiceError(
        'invalid-labels',
        `The segmentation could not be stored: the labelmap is not a valid .nii.gz (${check.reason}). Your previous save is untouched.`,
      );
    }
  }

  async function writeSnapshot(
    dir: string,
    seq: number,
    kind: SnapshotKind,
    document: CaseDocument,
    labels: Uint8Array | null,
    savedAt: string,
  ): Promise<SnapshotManifest> {
    const snapDir = join(dir, SNAPSHOT_DIR);
    await mkdir(snapDir, { recursive: true });
    const labelsFile = labels ? snapshotLabelsName(seq) : null;
    if (labels && labelsFile) await writeFileAtomic(join(snapDir, labelsFile), labels);
    const manifest: SnapshotManifest = {
      format: 1,
      seq,
      kind,
      savedAt,
      document,
      labelsFile,
      labelsSha256: labels ? sha256(labels) : null,
    };
    await writeFileAtomic(join(snapDir, snapshotName(seq, kind)), JSON.stringify(manifest));
    return manifest;
  }

  /** Makes case.json + labels.nii.gz the given save, then records it in store.json (the commit). */
  async function writeSavedFiles(dir: string, manifest: SnapshotManifest, labels: Uint8Array | null): Promise<void> {
    const caseJson = JSON.stringify(manifest.document, null, 2);
    if (labels) await writeFileAtomic(join(dir, LABELS_FILE), labels);
    else await rm(join(dir, LABELS_FILE), { force: true });
    await writeFileAtomic(join(dir, CASE_FILE), caseJson);
    const state: StoreState = {
      format: 1,
      seq: manifest.seq,
      savedAt: manifest.savedAt,
      caseSha256: sha256(caseJson),
      labelsSha256: manifest.labelsSha256,
    };
    await writeFileAtomic(join(dir, STORE_FILE), JSON.stringify(state));
  }

  /** Drops autosaves older than the last save, saves beyond KEEP_VERSIONS, orphans and temp debris. */
  async function prune(dir: string): Promise<void> {
    const snapDir = join(dir, SNAPSHOT_DIR);
    const names = await listDir(snapDir);
    const snaps = names
      .map(parseSnapshotName)
      .filter((s) => s !== null)
      .sort((a, b) => b.seq - a.seq);
    const lastSave = snaps.find((s) => s.kind === 'save')?.seq ?? 0;
    const keep = new Set<number>();
    let saves = 0;
    let autosaves = 0;
    for (const s of snaps) {
      if (s.kind === 'save' && saves++ < KEEP_VERSIONS) keep.add(s.seq);
      if (s.kind === 'autosave' && s.seq > lastSave && autosaves++ <= KEEP_AUTOSAVES) keep.add(s.seq);
    }
    const newest = snaps[0]?.seq ?? 0;
    let removed = false;
    for (const name of names) {
      const snap = parseSnapshotName(name);
      const labelsSeq = parseSnapshotLabelsName(name);
      const seq = snap?.seq ?? labelsSeq;
      // A labels file newer than every manifest may belong to a write still in flight.
      const drop = name.endsWith(TEMP_SUFFIX) || (seq !== null && !keep.has(seq) && seq <= newest);
      if (drop) {
        await rm(join(snapDir, name), { force: true });
        removed = true;
      }
    }
    if (removed) await fsyncDir(snapDir);
    // Temp files of case.json / labels.nii.gz / store.json writes cut short by a crash.
    for (const name of await listDir(dir)) if (name.endsWith(TEMP_SUFFIX)) await rm(join(dir, name), { force: true });
  }

  async function readSnapshot(dir: string, name: string): Promise<(CaseState & { kind: SnapshotKind }) | null> {
    try {
      const manifest = snapshotManifestSchema.parse(JSON.parse(await readFile(join(dir, SNAPSHOT_DIR, name), 'utf8')));
      let labels: Uint8Array | null = null;
      if (manifest.labelsFile) {
        labels = new Uint8Array(await readFile(join(dir, SNAPSHOT_DIR, manifest.labelsFile)));
        if (sha256(labels) !== manifest.labelsSha256) return null;
      }
      return { document: manifest.document, labels, seq: manifest.seq, savedAt: manifest.savedAt, kind: manifest.kind };
    } catch {
      return null;
    }
  }

  async function readSaved(dir: string): Promise<CaseState | null> {
    const store = await readStore(dir);
    try {
      const caseJson = await readFile(join(dir, CASE_FILE), 'utf8');
      const document = caseDocumentSchema.parse(JSON.parse(caseJson));
      let labels: Uint8Array | null = null;
      try {
        labels = new Uint8Array(await readFile(join(dir, LABELS_FILE)));
      } catch {
        labels = null;
      }
      if (store) {
        // case.json and labels.nii.gz are replaced one after the other: only trust the pair store.json vouches for.
        if (sha256(caseJson) !== store.caseSha256) return null;
        if ((labels ? sha256(labels) : null) !== store.labelsSha256) return null;
        return { document, labels, seq: store.seq, savedAt: store.savedAt };
      }
      // A case folder written by hand or by another tool: no journal, take it as is.
      return { document, labels, seq: 0, savedAt: document.updatedAt };
    } catch {
      return null;
    }
  }

  async function create(input: NewCase): Promise<OpenedCase> {
    const caseId = randomUUID();
    const stamp = now().toISOString();
    const document = caseDocumentSchema.parse({
      ...input,
      schemaVersion: 1,
      caseId,
      createdAt: stamp,
      updatedAt: stamp,
    });
    await mkdir(root, { recursive: true });
    const saved = await save(document, null);
    return { ...saved, source: 'saved', recovery: null };
  }

  /** Explicit save: becomes case.json + labels.nii.gz and a previous version for later. */
  async function save(document: CaseDocument, labels: Uint8Array | null): Promise<CaseState> {
    const dir = dirOf(document.caseId);
    checkLabels(labels);
    return locked(document.caseId, async () => {
      await mkdir(dir, { recursive: true });
      const savedAt = now().toISOString();
      const doc = caseDocumentSchema.parse({ ...document, updatedAt: savedAt });
      const seq = await nextSeq(document.caseId, dir);
      const manifest = await writeSnapshot(dir, seq, 'save', doc, labels, savedAt);
      await writeSavedFiles(dir, manifest, labels);
      await prune(dir);
      return { document: doc, labels, seq, savedAt };
    });
  }

  /** Autosave: a journal snapshot only; case.json stays the user's last explicit save. */
  async function autosave(
    document: CaseDocument,
    labels: Uint8Array | null,
  ): Promise<{ seq: number; savedAt: string }> {
    const dir = dirOf(document.caseId);
    checkLabels(labels);
    return locked(document.caseId, async () => {
      if (!(await exists(dir)))
        throw new ServiceError(
          'case-not-found',
          'This case was deleted or moved; autosave stopped. Save it as a new case to keep your work.',
        );
      const savedAt = now().toISOString();
      const doc = caseDocumentSchema.parse({ ...document, updatedAt: savedAt });
      const seq = await nextSeq(document.caseId, dir);
      await writeSnapshot(dir, seq, 'autosave', doc, labels, savedAt);
      await prune(dir);
      return { seq, savedAt };
    });
  }

  async function open(caseId: string): Promise<OpenedCase> {
    const dir = dirOf(caseId);
    if (!(await exists(dir)))
      throw new ServiceError(
        'case-not-found',
        `No case ${caseId} in ${root}. It may have been deleted; choose another case from the list.`,
      );
    return locked(caseId, async () => {
      const saved = await readSaved(dir);
      const storeSeq = (await readStore(dir))?.seq ?? 0;
      const lastSavedAt = saved?.savedAt ?? null;
      const names = (await listDir(join(dir, SNAPSHOT_DIR)))
        .filter((n) => parseSnapshotName(n) !== null)
        .sort()
        .reverse();
      for (const name of names) {
        if (saved && parseSnapshotName(name)!.seq <= saved.seq) break;
        const snap = await readSnapshot(dir, name);
        if (!snap) continue;
        const manifest = async () =>
          snapshotManifestSchema.parse(JSON.parse(await readFile(join(dir, SNAPSHOT_DIR, name), 'utf8')));
        if (snap.kind === 'save' && snap.seq > storeSeq) {
          // The crash hit between the journal commit and store.json: finish that save now.
          await writeSavedFiles(dir, await manifest(), snap.labels);
          return {
            ...strip(snap),
            source: 'saved',
            recovery: {
              kind: 'interrupted-save',
              message: `Your save of ${when(snap.savedAt)} was interrupted; it has now been completed. Nothing was lost.`,
              lastSavedAt,
            },
          };
        }
        if (snap.kind === 'autosave' && snap.seq > storeSeq) {
          const since = lastSavedAt
            ? `the last save was ${when(lastSavedAt)}`
            : 'the case had not been saved since it was created';
          return {
            ...strip(snap),
            source: 'autosave',
            recovery: {
              kind: 'autosave',
              message: `LiverPlan closed before your last edits were saved. Restored the autosave of ${when(snap.savedAt)} (${since}). Save to keep these edits, or discard them to go back to the last save.`,
              lastSavedAt,
            },
          };
        }
        // From here case.json / labels.nii.gz no longer match what store.json recorded.
        if (snap.kind === 'save' && snap.seq === storeSeq) {
          await writeSavedFiles(dir, await manifest(), snap.labels);
          return {
            ...strip(snap),
            source: 'saved',
            recovery: {
              kind: 'damaged',
              message: `The case files on disk were damaged and have been repaired from the journal copy of your save of ${when(snap.savedAt)}. Nothing was lost.`,
              lastSavedAt: snap.savedAt,
            },
          };
        }
        return {
          ...strip(snap),
          source: 'version',
          recovery: {
            kind: 'damaged',
            message: `The saved case was damaged and its journal copy too. Restored the older version of ${when(snap.savedAt)}; check the segmentation and save again.`,
            lastSavedAt: null,
          },
        };
      }
      if (saved) {
        await prune(dir);
        return { ...saved, source: 'saved', recovery: null };
      }
      throw new ServiceError(
        'case-unreadable',
        `Case ${caseId} could not be read: case.json is damaged and no intact autosave or previous version exists. The folder is ${dir}; send it to support.`,
      );
    });
  }

  /** After open() restored an autosave: keep it (it becomes the save) or discard it. */
  async function resolveRecovery(caseId: string, action: 'keep' | 'discard'): Promise<OpenedCase> {
    const opened = await open(caseId);
    if (opened.source === 'saved' && !opened.recovery) return opened;
    if (action === 'keep') {
      const state = await save(opened.document, opened.labels);
      return { ...state, source: 'saved', recovery: null };
    }
    const dir = dirOf(caseId);
    await locked(caseId, async () => {
      const store = await readStore(dir);
      const snapDir = join(dir, SNAPSHOT_DIR);
      for (const name of await listDir(snapDir)) {
        const snap = parseSnapshotName(name);
        if (snap?.kind === 'autosave' && snap.seq > (store?.seq ?? 0)) await rm(join(snapDir, name), { force: true });
      }
      await fsyncDir(snapDir);
    });
    const after = await open(caseId);
    return after;
  }

  /** Previous explicit saves, newest first. */
  async function versions(caseId: string): Promise<VersionInfo[]> {
    const dir = dirOf(caseId);
    const out: VersionInfo[] = [];
    for (const name of (await listDir(join(dir, SNAPSHOT_DIR))).sort().reverse()) {
      const parsed = parseSnapshotName(name);
      if (parsed?.kind !== 'save') continue;
      const snap = await readSnapshot(dir, name);
      if (snap) out.push({ seq: snap.seq, kind: snap.kind, savedAt: snap.savedAt });
    }
    return out;
  }

  /** Brings back a previous version as a new save (the current one stays as a version). */
  async function restoreVersion(caseId: string, seq: number): Promise<CaseState> {
    const dir = dirOf(caseId);
    const snap = await readSnapshot(dir, snapshotName(seq, 'save'));
    if (!snap)
      throw new ServiceError(
        'version-not-found',
        `Version ${seq} of this case no longer exists or is damaged; pick another version.`,
      );
    return save(snap.document, snap.labels);
  }

  async function list(): Promise<CaseSummary[]> {
    const out: CaseSummary[] = [];
    for (const name of await listDir(root)) {
      if (!isCaseId(name)) continue;
      const dir = join(root, name);
      try {
        const store = await readStore(dir);
        const snaps = (await listDir(join(dir, SNAPSHOT_DIR))).map(parseSnapshotName).filter((s) => s !== null);
        let doc: CaseDocument | null = null;
        try {
          doc = caseDocumentSchema.parse(JSON.parse(await readFile(join(dir, CASE_FILE), 'utf8')));
        } catch {
          // Damaged case.json: open() will fall back to the journal; show it from there.
          const newest = snaps.sort((a, b) => b.seq - a.seq)[0];
          doc = newest ? ((await readSnapshot(dir, snapshotName(newest.seq, newest.kind)))?.document ?? null) : null;
        }
        if (!doc) continue;
        out.push({
          caseId: name,
          patientName: doc.patient.name,
          patientId: doc.patient.id,
          studyDescription: doc.study.description,
          studyDate: doc.study.date,
          updatedAt: doc.updatedAt,
          segmentCount: doc.segments.length,
          hasUnsavedAutosave: snaps.some((s) => s.kind === 'autosave' && s.seq > (store?.seq ?? 0)),
        });
      } catch {
        continue;
      }
    }
    return out.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }

  async function remove(caseId: string): Promise<void> {
    const dir = dirOf(caseId);
    await locked(caseId, async () => {
      if (!(await exists(dir))) return;
      // Rename first so a half-deleted folder never shows up as a damaged case.
      const trash = join(root, `.deleted-${caseId}-${randomBytes(4).toString('hex')}`);
      await rename(dir, trash);
      await fsyncDir(root);
      await rm(trash, { recursive: true, force: true });
      lastSeq.delete(caseId);
    });
  }

  return { root, create, save, autosave, open, resolveRecovery, versions, restoreVersion, list, remove };
}

export type CaseStore = ReturnType<typeof createCaseStore>;

function strip(s: CaseState & { kind?: SnapshotKind }): CaseState {
  return { document: s.document, labels: s.labels, seq: s.seq, savedAt: s.savedAt };
}

async function readStore(dir: string): Promise<StoreState | null> {
  try {
    return storeStateSchema.parse(JSON.parse(await readFile(join(dir, STORE_FILE), 'utf8')));
  } catch {
    return null;
  }
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}

async function exists(dir: string): Promise<boolean> {
  try {
    await readdir(dir);
    return true;
  } catch {
    return false;
  }
}
