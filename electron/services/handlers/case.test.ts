import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeLabelsDelta } from '../../../shared/case/labelsDelta';
import { decodeNiftiLabelmap, encodeNifti } from '../../../shared/volume/nifti';
import { makeTestLabels, TEST_GRID, testCaseInput } from '../case/testing/testFixtures';
import { createDispatcher } from '../dispatch';
import type { Handlers } from '../handlerTypes';
import { createErrorLog } from '../log/errorLog';
import { caseHandlers } from './case';
import { limitsHandlers } from './limits';

let userDataDir: string;
beforeEach(() => {
  userDataDir = mkdtempSync(join(tmpdir(), 'lp-case-ipc-'));
});
afterEach(() => rmSync(userDataDir, { recursive: true, force: true }));

function dispatcher() {
  const env = { userDataDir, resourcesDir: userDataDir, appVersion: 't', host: 'cli' as const };
  const handlers = { ...caseHandlers(env, createErrorLog(userDataDir)), ...limitsHandlers() } as Handlers;
  return createDispatcher(
    handlers,
    () => undefined,
    () => undefined,
  );
}

const full = (bytes: Uint8Array) => ({ kind: 'full' as const, bytes });

describe('case:* channels', () => {
  it('create, autosave, crash-style reopen, recover, list, delete through the IPC choke point', async () => {
    const dispatch = dispatcher();
    const created = await dispatch('case:create', { input: testCaseInput });
    expect(created.ok).toBe(true);
    const doc = (created as { value: { document: { caseId: string } } }).value.document;
    expect(await dispatch('case:save', { document: doc, labels: full(makeTestLabels(4)) })).toMatchObject({
      ok: true,
    });
    expect(
      await dispatch('case:autosave', { document: { ...doc, notes: 'x' }, labels: full(makeTestLabels(5)) }),
    ).toMatchObject({ ok: true });

    // A fresh host (the app restarted after a crash) sees the autosave.
    const reopened = await dispatcher()('case:open', { caseId: doc.caseId });
    expect(reopened).toMatchObject({ ok: true, value: { source: 'autosave', recovery: { kind: 'autosave' } } });
    const labels = (reopened as { value: { labels: Uint8Array } }).value.labels;
    expect(labels).toBeInstanceOf(Uint8Array);
    expect(decodeNiftiLabelmap(labels).data[0]).toBe(5);
    // Support can see what was recovered, and when.
    expect(readFileSync(createErrorLog(userDataDir).file, 'utf8')).toMatch(
      /"source":"case-store".*Restored the autosave/,
    );

    expect(await dispatch('case:recover', { caseId: doc.caseId, action: 'keep' })).toMatchObject({
      ok: true,
      value: { source: 'saved', recovery: null },
    });
    expect(await dispatch('case:list', {})).toMatchObject({
      ok: true,
      value: [{ caseId: doc.caseId, hasUnsavedAutosave: false, patientName: 'DOE^JANE' }],
    });
    expect(await dispatch('case:versions', {})).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const versions = await dispatch('case:versions', { caseId: doc.caseId });
    expect((versions as { value: unknown[] }).value).toHaveLength(3);
    expect(await dispatch('case:delete', { caseId: doc.caseId })).toEqual({ ok: true, value: { deleted: true } });
    expect(await dispatch('case:open', { caseId: doc.caseId })).toMatchObject({
      ok: false,
      error: { code: 'case-not-found' },
    });
  });

  it('answers bad payloads with specific errors, never an exception', async () => {
    const dispatch = dispatcher();
    expect(await dispatch('case:open', { caseId: '../../etc' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-case-id' },
    });
    const created = (await dispatch('case:create', { input: testCaseInput })) as {
      value: { document: { caseId: string } };
    };
    const notNifti = new TextEncoder().encode('not a nifti');
    const bad = await dispatch('case:autosave', { document: created.value.document, labels: full(notNifti) });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-labels' } });
    const text = await dispatch('case:autosave', {
      document: created.value.document,
      labels: { kind: 'full', bytes: 'bm90IGEgbmlmdGk=' },
    });
    expect(text).toMatchObject({ ok: false, error: { code: 'invalid-request', message: /must be binary/ } });
    expect(await dispatch('case:autosave', { document: { caseId: 'x' }, labels: null })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
  });

  it('autosaves carry only the changed slices; the store still writes the whole labelmap', async () => {
    const dispatch = dispatcher();
    const created = (await dispatch('case:create', { input: testCaseInput })) as {
      value: { document: { caseId: string } };
    };
    const doc = created.value.document;
    const dims = TEST_GRID.dims;
    const voxels = new Uint8Array(dims[0] * dims[1] * dims[2]).fill(1);
    const first = await dispatch('case:autosave', {
      document: doc,
      labels: full(encodeNifti({ grid: TEST_GRID, data: voxels }, { gzip: true })),
    });
    const seq = (first as { value: { seq: number } }).value.seq;

    // A stroke on slice 2: only that slice crosses.
    voxels.fill(3, dims[0] * dims[1] * 2, dims[0] * dims[1] * 2 + 7);
    const delta = { kind: 'delta' as const, baseSeq: seq, bytes: encodeLabelsDelta(voxels, dims, [2]) };
    const second = await dispatch('case:autosave', { document: doc, labels: delta });
    expect(second).toMatchObject({ ok: true, value: { seq: seq + 1 } });
    const reopened = (await dispatcher()('case:open', { caseId: doc.caseId })) as { value: { labels: Uint8Array } };
    expect([...decodeNiftiLabelmap(reopened.value.labels).data]).toEqual([...voxels]);
    expect(decodeNiftiLabelmap(reopened.value.labels).grid.dims).toEqual(dims);

    // The same delta again: its base is no longer the last write, so nothing is written.
    expect(await dispatch('case:autosave', { document: doc, labels: delta })).toMatchObject({
      ok: true,
      value: { resend: 'whole' },
    });
    // A host that never saw the case (restarted) asks for the labelmap whole too.
    expect(await dispatcher()('case:save', { document: doc, labels: { ...delta, baseSeq: seq + 1 } })).toMatchObject({
      ok: true,
      value: { resend: 'whole' },
    });
    // A delta for another grid is refused with a reason; the next write is sent whole.
    const wrong = encodeLabelsDelta(new Uint8Array(dims[0] * dims[1] * 3), [dims[0], dims[1], 3], [0]);
    expect(
      await dispatch('case:autosave', { document: doc, labels: { kind: 'delta', baseSeq: seq + 1, bytes: wrong } }),
    ).toMatchObject({ ok: false, error: { code: 'invalid-labels', message: /6x5x3 grid/ } });
    expect(await dispatch('case:autosave', { document: doc, labels: delta })).toMatchObject({
      value: { resend: 'whole' },
    });
  });

  it('limits:checkSeries answers with the memory plan for this machine', async () => {
    const dispatch = dispatcher();
    const ok = await dispatch('limits:checkSeries', {
      series: [{ seriesInstanceUid: 'a', rows: 64, columns: 64, slices: 20 }],
    });
    expect(ok).toMatchObject({ ok: true, value: { decision: 'ok', estimateBytes: 64 * 64 * 20 * 7 } });
    const huge = await dispatch('limits:checkSeries', {
      series: [{ seriesInstanceUid: 'a', rows: 100_000, columns: 100_000, slices: 100_000 }],
    });
    expect(huge).toMatchObject({
      ok: true,
      value: { decision: 'refuse', message: expect.stringMatching(/Open fewer series/) },
    });
    expect(await dispatch('limits:checkSeries', { series: [] })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
  });
});
