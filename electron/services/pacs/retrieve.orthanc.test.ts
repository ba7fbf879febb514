import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StudySummary } from '../../../shared/ipc/channels/dicom';
import type { LabelsImportResult } from '../../../shared/ipc/channels/labels';
import type { HostEvent, InvokeResult } from '../../../shared/ipc/contract';
import { readInstance } from '../../../shared/dicom/writeInstance';
import { makeTestCase } from '../../../shared/export/testing/testCase';
import type { PacsStudy } from '../../../shared/pacs/studyList';
import type { StudyQuery } from '../../../shared/pacs/studyQuery';
import { readSrMeasurements } from '../../../shared/sr/readSrMeasurements';
import { decodeNiftiLabelmap } from '../../../shared/volume/nifti';
import { findOrthanc, startOrthanc, type OrthancInstance } from '../../../tests/support/orthanc';
import { createDispatcher } from '../dispatch';
import { createHandlers } from '../handlers/index';
import { cFindStudies } from './dimseQuery';
import { cGetStudy } from './dimseRetrieve';
import { importDir } from './retrieveStudy';
import { sendToTarget } from './sendToTarget';
import type { Target } from './target';
import { makeTestInstances, withFreshUids, type TestStudy } from './testing/testInstances';

const orthancBinary = findOrthanc();
if (!orthancBinary)
  console.log('SKIP retrieve.orthanc.test: Orthanc binary not found (apt-get install orthanc orthanc-dicomweb)');
const credentials = { username: 'planner', password: 's3cret' };
const basic = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;

/**
 * Query/retrieve through the real host path (dispatcher -> handlers -> services) against a real
 * Orthanc: a study sent by STOW-RS comes back by QIDO-RS + WADO-RS, another sent by C-STORE comes
 * back by C-FIND + C-GET; each is imported like a folder and its SEG, SR and PDF are loaded again.
 */
describe.skipIf(!orthancBinary)('PACS query/retrieve against a real Orthanc', () => {
  let orthanc: OrthancInstance;
  let dir: string;
  let userDataDir: string;
  let events: HostEvent[];
  let dispatch: ReturnType<typeof createDispatcher>;
  let original: TestStudy;
  let webStudy: TestStudy;
  let dimseStudy: TestStudy;
  const ids = { web: '', dimse: '', folder: '', wrongPassword: '' };

  const call = async <T>(channel: string, request: unknown): Promise<T> => {
    const r = (await dispatch(channel, request)) as InvokeResult<T>;
    if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
    return r.value;
  };
  const query = (targetId: string, q: StudyQuery) =>
    call<{ studies: PacsStudy[]; via: string }>('pacs:query', { targetId, query: q });

  async function upload(study: TestStudy, target: Target): Promise<void> {
    const files: string[] = [];
    for (const i of study.instances) {
      const f = join(dir, `${study.studyUid}-${i.name}`);
      await writeFile(f, i.bytes);
      files.push(f);
    }
    await sendToTarget(target, files);
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'liverplan-qr-'));
    userDataDir = join(dir, 'userData');
    orthanc = await startOrthanc({ credentials });
    // As a PACS administrator would: our AE title registered with query/retrieve rights.
    const put = await fetch(`${orthanc.httpUrl}/modalities/liverplan`, {
      method: 'PUT',
      headers: { Authorization: basic },
      body: JSON.stringify({ AET: 'LIVERPLAN', Host: '127.0.0.1', Port: 104, AllowFind: true, AllowGet: true }),
    });
    expect(put.status).toBe(200);
    events = [];
    const { handlers } = createHandlers({ userDataDir, resourcesDir: dir, appVersion: '0-test', host: 'cli' });
    dispatch = createDispatcher(
      handlers,
      (e) => events.push(e),
      () => {},
    );
    const save = async (name: string, target: Target) =>
      (await call<{ id: string }>('targets:save', { name, target })).id;
    const web: Target = { kind: 'dicomweb', url: orthanc.dicomWebUrl, auth: { type: 'basic', ...credentials } };
    const dimse: Target = {
      kind: 'dimse',
      host: '127.0.0.1',
      port: orthanc.dicomPort,
      calledAe: orthanc.aeTitle,
      callingAe: 'LIVERPLAN',
    };
    ids.web = await save('Orthanc web', web);
    ids.dimse = await save('Orthanc DIMSE', dimse);
    ids.folder = await save('A folder', { kind: 'folder', path: dir });
    ids.wrongPassword = await save('Orthanc wrong password', {
      ...web,
      auth: { type: 'basic', username: 'planner', password: 'wrong' },
    });
    original = await makeTestInstances();
    webStudy = original;
    dimseStudy = withFreshUids(original);
    await upload(webStudy, web);
    await upload(dimseStudy, dimse);
  }, 60_000);
  afterAll(async () => {
    await orthanc?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('finds studies by patient name, ID, date range, modality and accession, by QIDO-RS and C-FIND alike', async () => {
    for (const targetId of [ids.web, ids.dimse]) {
      const uids = async (q: StudyQuery) => (await query(targetId, q)).studies.map((s) => s.studyInstanceUid).sort();
      const both = [webStudy.studyUid, dimseStudy.studyUid].sort();
      expect(await uids({ patientName: 'test^exp' })).toEqual([webStudy.studyUid]);
      expect(await uids({ patientId: 'COPY' })).toEqual([dimseStudy.studyUid]);
      // The copy went through de-identification: dummy study date, empty accession number.
      expect(await uids({ dateFrom: '2025-12-01', dateTo: '2026-01-31', modality: 'CT' })).toEqual([webStudy.studyUid]);
      expect(await uids({ accessionNumber: 'ACC123' })).toEqual([webStudy.studyUid]);
      expect(await uids({ modality: 'ct' })).toEqual(both);
      expect(await uids({ dateFrom: '2026-01-02' })).toEqual([]);
      expect(await uids({ modality: 'MR' })).toEqual([]);
      const [row] = (await query(targetId, { patientId: 'EXP-001' })).studies;
      expect(row).toMatchObject({
        patientName: 'TEST^EXPORT',
        studyDate: '20260101',
        accessionNumber: 'ACC123',
        description: 'CT liver',
        instanceCount: original.instances.length,
      });
      expect(row!.modalities).toEqual(expect.arrayContaining(['CT', 'SEG', 'SR']));
    }
    expect((await query(ids.web, { patientId: 'COPY' })).via).toBe('QIDO-RS');
    expect((await query(ids.dimse, { patientId: 'COPY' })).via).toBe('C-FIND');
  });

  for (const via of ['web', 'dimse'] as const) {
    it(`round trip by ${via === 'web' ? 'STOW-RS, then WADO-RS of the instances QIDO-RS lists' : 'C-STORE, then C-GET'}: SEG, SR and PDF load again, volumes equal to the voxel`, async () => {
      const study = via === 'web' ? webStudy : dimseStudy;
      events.length = 0;
      const jobId = `retrieve-${via}`;
      const got = await call<{ folder: string; files: number; via: string }>('pacs:retrieve', {
        jobId,
        targetId: ids[via],
        studyInstanceUid: study.studyUid,
      });
      expect(got).toMatchObject({
        folder: join(importDir(userDataDir), study.studyUid),
        files: study.instances.length,
        via: via === 'web' ? 'WADO-RS' : 'C-GET',
      });
      const progress = events.filter((e) => e.jobId === jobId && e.topic === 'pacs-retrieve-progress');
      expect(progress.at(-1)!.payload).toEqual({ done: study.instances.length, total: study.instances.length });

      // Hung like a local folder: the folder import finds the series and every derived object.
      const scan = await call<{ studies: StudySummary[]; accounted: { images: number; derived: number } }>(
        'dicom:scan',
        { jobId: `scan-${via}`, paths: [got.folder] },
      );
      expect(scan.accounted).toMatchObject({ images: 16, derived: 3 });
      const [summary] = scan.studies;
      expect(summary!.studyInstanceUid).toBe(study.studyUid);
      expect(summary!.derived!.map((d) => d.kind).sort()).toEqual(['PDF', 'SEG', 'SR']);
      const series = summary!.series[0]!;
      const byKind = (kind: string) => summary!.derived!.find((d) => d.kind === kind)!;

      // SEG through "Load into case" (labels:import of an indexed derived object) on the series grid.
      const c = makeTestCase();
      const loaded = await call<LabelsImportResult>('labels:import', {
        path: byKind('SEG').path,
        referenceGrid: {
          dims: [series.columns, series.rows, series.imageCount],
          spacing: series.spacing,
          origin: series.origin,
          direction: series.direction,
        },
        frameOfReferenceUid: series.frameOfReferenceUid,
      });
      const labels = decodeNiftiLabelmap(loaded.labels);
      expect(labels.grid.dims).toEqual(c.volume.grid.dims);
      const voxelMl = c.volume.grid.spacing.reduce((a, b) => a * b, 1) / 1000;
      let compared = 0;
      for (const seg of c.caseDoc.segments) {
        const truth = c.labels.data;
        let expected = 0;
        for (const v of truth) if (v === seg.label) expected++;
        const back = loaded.segments.find((s) => s.name === seg.name);
        // An empty segment (the fixture's gallbladder) is not written to the SEG at all.
        if (expected === 0) {
          expect(back).toBeUndefined();
          continue;
        }
        let mismatched = 0;
        for (let n = 0; n < truth.length; n++)
          if ((truth[n] === seg.label) !== (labels.data[n] === back!.index)) mismatched++;
        expect(mismatched, `${seg.name}: voxels that differ`).toBe(0);
        expect(back!.voxels * voxelMl, `${seg.name} volume (ml)`).toBe(expected * voxelMl);
        compared++;
      }
      expect(compared).toBe(3);

      // SR: the same measurements; PDF: the same document bytes.
      const sentSr = readInstance(study.instances.at(-2)!.bytes);
      const backSr = readInstance(new Uint8Array(await readFile(byKind('SR').path)));
      expect(readSrMeasurements(backSr)).toEqual(readSrMeasurements(sentSr));
      const sentPdf = readInstance(study.instances.at(-1)!.bytes).EncapsulatedDocument as ArrayBuffer[];
      const backPdf = readInstance(new Uint8Array(await readFile(byKind('PDF').path)))
        .EncapsulatedDocument as ArrayBuffer[];
      expect(Buffer.from(backPdf[0]!).subarray(0, 5).toString()).toBe('%PDF-');
      expect(Buffer.from(backPdf[0]!).equals(Buffer.from(sentPdf[0]!))).toBe(true);
    }, 60_000);
  }

  it('C-GET proposes the SCP role for SEG, RTSTRUCT and the other extra storage classes, and Orthanc accepts it', async () => {
    const out = await mkdtemp(join(dir, 'cget-roles-'));
    let roles = new Map<string, boolean>();
    const files = await cGetStudy(
      { kind: 'dimse', host: '127.0.0.1', port: orthanc.dicomPort, calledAe: orthanc.aeTitle, callingAe: 'LIVERPLAN' },
      dimseStudy.studyUid,
      out,
      () => {},
      undefined,
      (r) => (roles = r),
    );
    expect(files).toHaveLength(dimseStudy.instances.length);
    // Answered by the PACS in its A-ASSOCIATE-AC Role Selection items, not merely proposed.
    expect(roles.get('1.2.840.10008.5.1.4.1.1.66.4'), 'Segmentation Storage').toBe(true);
    expect(roles.get('1.2.840.10008.5.1.4.1.1.481.3'), 'RT Structure Set Storage').toBe(true);
    expect([...roles.values()].every(Boolean)).toBe(true);
  });

  it('cancels a retrieve and leaves neither a half study nor staging files', async () => {
    const jobId = 'retrieve-cancelled';
    const { dicomWebUrl } = orthanc;
    const fresh = withFreshUids(original);
    await upload(fresh, { kind: 'dicomweb', url: dicomWebUrl, auth: { type: 'basic', ...credentials } });
    const onEvent = events.push.bind(events);
    events.push = (e: HostEvent) => {
      if (e.jobId === jobId) void dispatch('job:cancel', { jobId });
      return onEvent(e);
    };
    try {
      const r = await dispatch('pacs:retrieve', { jobId, targetId: ids.web, studyInstanceUid: fresh.studyUid });
      expect(r).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    } finally {
      events.push = onEvent;
    }
    const left = await readdir(importDir(userDataDir));
    expect(left).not.toContain(fresh.studyUid);
    expect(left.filter((f) => f.startsWith('.incoming-'))).toEqual([]);
  });

  it('says why: bad query, folder target, wrong password, unknown study, AE title the PACS does not know', async () => {
    await expect(query(ids.web, { dateFrom: '2026-13-01' })).rejects.toMatchObject({
      code: 'invalid-query',
      message: expect.stringMatching(/date from is not a calendar date/),
    });
    await expect(query(ids.web, {})).rejects.toMatchObject({ code: 'invalid-query' });
    await expect(query(ids.folder, { patientId: 'X' })).rejects.toMatchObject({
      code: 'not-a-pacs',
      message: expect.stringMatching(
        /A folder: .* is a folder target; search and retrieve need a DICOMweb or DIMSE target/,
      ),
    });
    await expect(query(ids.wrongPassword, { patientId: 'X' })).rejects.toMatchObject({
      code: 'pacs-failed',
      message: expect.stringMatching(/refused the credentials \(HTTP 401\)/),
    });
    await expect(
      call('pacs:retrieve', { jobId: 'nothing', targetId: ids.web, studyInstanceUid: '1.2.3.4.5' }),
    ).rejects.toMatchObject({ code: 'pacs-failed', message: expect.stringMatching(/^Retrieve failed: /) });
    await expect(
      cFindStudies(
        { kind: 'dimse', host: '127.0.0.1', port: orthanc.dicomPort, calledAe: orthanc.aeTitle, callingAe: 'STRANGER' },
        { patientId: 'X' },
      ),
    ).rejects.toThrow(/never answered the C-FIND: the PACS may not know our AE title STRANGER/);
  }, 30_000);
});
