import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeNiftiLabelmap } from '../../../shared/volume/nifti';
import { makeTestLabels, testCaseInput } from '../case/testFixtures';
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

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

describe('case:* channels', () => {
  it('create, autosave, crash-style reopen, recover, list, delete through the IPC choke point', async () => {
    const dispatch = dispatcher();
    const created = await dispatch('case:create', { input: testCaseInput });
    expect(created.ok).toBe(true);
    const doc = (created as { value: { document: { caseId: string } } }).value.document;
    expect(await dispatch('case:save', { document: doc, labelsBase64: b64(makeTestLabels(4)) })).toMatchObject({
      ok: true,
    });
    expect(
      await dispatch('case:autosave', { document: { ...doc, notes: 'x' }, labelsBase64: b64(makeTestLabels(5)) }),
    ).toMatchObject({ ok: true });

    // A fresh host (the app restarted after a crash) sees the autosave.
    const reopened = await dispatcher()('case:open', { caseId: doc.caseId });
    expect(reopened).toMatchObject({ ok: true, value: { source: 'autosave', recovery: { kind: 'autosave' } } });
    const labels = Buffer.from((reopened as { value: { labelsBase64: string } }).value.labelsBase64, 'base64');
    expect(decodeNiftiLabelmap(new Uint8Array(labels)).data[0]).toBe(5);
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
    const bad = await dispatch('case:autosave', { document: created.value.document, labelsBase64: 'bm90IGEgbmlmdGk=' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-labels' } });
    expect(await dispatch('case:autosave', { document: { caseId: 'x' }, labelsBase64: null })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
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
