import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeNiftiLabelmap } from '../../../shared/volume/nifti';
import { sameGrid } from '../../../shared/volume/grid';
import { ServiceError } from '../handlerTypes';
import { CASE_FILE, LABELS_FILE, SNAPSHOT_DIR } from './caseLayout';
import { createCaseStore, KEEP_VERSIONS } from './caseStore';
import { makeTestLabels, TEST_GRID, testCaseInput } from './testing/testFixtures';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'lp-cases-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function labelValue(bytes: Uint8Array | null): number | null {
  return bytes ? decodeNiftiLabelmap(bytes).data[0]! : null;
}

describe('case store', () => {
  it('creates, saves and reopens a case exactly, with a real NIfTI labels.nii.gz in the reference grid', async () => {
    const store = createCaseStore(root);
    const created = await store.create(testCaseInput);
    expect(created.document.caseId).toMatch(/^[0-9a-f-]{36}$/);
    await store.save({ ...created.document, notes: 'liver drawn' }, makeTestLabels(7));
    const opened = await store.open(created.document.caseId);
    expect(opened).toMatchObject({ source: 'saved', recovery: null });
    expect(opened.document.notes).toBe('liver drawn');
    const dir = join(root, created.document.caseId);
    const onDisk = decodeNiftiLabelmap(readFileSync(join(dir, LABELS_FILE)));
    expect(sameGrid(onDisk.grid, TEST_GRID)).toBe(true);
    expect(onDisk.data.every((v) => v === 7)).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, CASE_FILE), 'utf8')).notes).toBe('liver drawn');
    expect(labelValue(opened.labels)).toBe(7);
  });

  it('restores a newer autosave on open with a message, then keeps or discards it', async () => {
    const store = createCaseStore(root);
    const { document } = await store.create(testCaseInput);
    await store.save(document, makeTestLabels(1));
    await store.autosave({ ...document, notes: 'unsaved' }, makeTestLabels(2));
    const reopened = await createCaseStore(root).open(document.caseId);
    expect(reopened.source).toBe('autosave');
    expect(reopened.recovery?.message).toMatch(/closed before your last edits were saved.*Save to keep/);
    expect(labelValue(reopened.labels)).toBe(2);
    expect((await store.list())[0]!.hasUnsavedAutosave).toBe(true);

    const discarded = await store.resolveRecovery(document.caseId, 'discard');
    expect(discarded).toMatchObject({ source: 'saved', recovery: null });
    expect(labelValue(discarded.labels)).toBe(1);

    await store.autosave({ ...document, notes: 'again' }, makeTestLabels(3));
    const kept = await store.resolveRecovery(document.caseId, 'keep');
    expect(kept.document.notes).toBe('again');
    expect((await store.open(document.caseId)).recovery).toBeNull();
    expect(labelValue(readFileSync(join(root, document.caseId, LABELS_FILE)))).toBe(3);
  });

  it('keeps the last N saves as versions and restores one', async () => {
    const store = createCaseStore(root);
    const { document } = await store.create(testCaseInput);
    for (let n = 1; n <= KEEP_VERSIONS + 3; n++) {
      await store.autosave(document, makeTestLabels(100 + n));
      await store.save(document, makeTestLabels(n));
    }
    const versions = await store.versions(document.caseId);
    expect(versions).toHaveLength(KEEP_VERSIONS);
    // Autosaves older than the last save are pruned: only saves remain in the journal.
    expect(readdirSync(join(root, document.caseId, SNAPSHOT_DIR)).filter((n) => n.includes('autosave'))).toEqual([]);
    const oldest = versions.at(-1)!;
    await store.restoreVersion(document.caseId, oldest.seq);
    expect(labelValue((await store.open(document.caseId)).labels)).toBe(KEEP_VERSIONS + 3 - KEEP_VERSIONS + 1);
  });

  it('falls back to the journal when case.json is damaged, and completes an interrupted save', async () => {
    const store = createCaseStore(root);
    const { document } = await store.create(testCaseInput);
    await store.save({ ...document, notes: 'v1' }, makeTestLabels(1));
    const dir = join(root, document.caseId);
    writeFileSync(join(dir, CASE_FILE), '{"schemaVer');
    const repaired = await createCaseStore(root).open(document.caseId);
    expect(repaired).toMatchObject({ source: 'saved', recovery: { kind: 'damaged' } });
    expect(repaired.recovery?.message).toMatch(/repaired.*Nothing was lost/);
    expect(JSON.parse(readFileSync(join(dir, CASE_FILE), 'utf8')).notes).toBe('v1');
    // Both the file and its journal copy damaged: the older version comes back, said plainly.
    writeFileSync(join(dir, CASE_FILE), '{');
    const newest = readdirSync(join(dir, SNAPSHOT_DIR))
      .filter((n) => n.endsWith('-save.json'))
      .sort()
      .at(-1)!;
    writeFileSync(join(dir, SNAPSHOT_DIR, newest), '{');
    const older = await createCaseStore(root).open(document.caseId);
    expect(older).toMatchObject({ source: 'version', recovery: { kind: 'damaged' } });
    expect(older.document.notes).toBe('');

    // Simulate a crash after the journal commit of a save but before case.json was replaced.
    await store.save(document, null);
    await store.save({ ...document, notes: 'v2' }, makeTestLabels(2));
    writeFileSync(join(dir, LABELS_FILE), makeTestLabels(1));
    writeFileSync(join(dir, `.${CASE_FILE}.123.abcd.partial`), '{"half');
    const store2 = createCaseStore(root);
    const storeJson = readFileSync(join(dir, 'store.json'), 'utf8');
    writeFileSync(join(dir, 'store.json'), storeJson.replace(/"seq":\d+/, '"seq":1'));
    const completed = await store2.open(document.caseId);
    expect(completed.recovery?.kind).toBe('interrupted-save');
    expect(labelValue(readFileSync(join(dir, LABELS_FILE)))).toBe(2);
    expect((await store2.open(document.caseId)).recovery).toBeNull();
    expect(readdirSync(dir).filter((n) => n.endsWith('.partial'))).toEqual([]);
  });

  it('refuses bad ids and non-NIfTI labels with actionable messages, and deletes cases', async () => {
    const store = createCaseStore(root);
    await expect(store.open('../etc')).rejects.toMatchObject({ code: 'invalid-case-id' });
    await expect(store.open('nope')).rejects.toMatchObject({ code: 'case-not-found' });
    const { document } = await store.create(testCaseInput);
    const err = await store.autosave(document, new Uint8Array([1, 2, 3, 4])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceError);
    expect((err as Error).message).toMatch(/not a valid \.nii\.gz.*previous save is untouched/);
    const truncated = makeTestLabels(3, { ...TEST_GRID, dims: [40, 40, 40] }).subarray(0, 60);
    await expect(store.save(document, truncated)).rejects.toMatchObject({ code: 'invalid-labels' });
    expect((await store.list()).map((c) => c.caseId)).toEqual([document.caseId]);
    await store.remove(document.caseId);
    expect(await store.list()).toEqual([]);
    await expect(store.autosave(document, null)).rejects.toMatchObject({ code: 'case-not-found' });
  });

  it('serialises concurrent autosaves and saves of one case', async () => {
    const store = createCaseStore(root);
    const { document } = await store.create(testCaseInput);
    const writes = [];
    for (let n = 1; n <= 12; n++) {
      writes.push(
        n % 4 === 0
          ? store.save({ ...document, notes: `${n}` }, makeTestLabels(n))
          : store.autosave({ ...document, notes: `${n}` }, makeTestLabels(n)),
      );
    }
    await Promise.all(writes);
    const opened = await store.open(document.caseId);
    expect(opened.document.notes).toBe('12');
    expect(labelValue(opened.labels)).toBe(12);
  });
});
