import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelmapSidecarSchema } from '../../../shared/case/labelmapSidecar';
import { readInstance, writeInstance } from '../../../shared/dicom/writeInstance';
import { SEGMENT_TEMPLATES, segmentFromTemplate } from '../../../shared/case/segmentTemplates';
import { sampleMasks, smallSegInput } from '../../../shared/seg/testing/testSupport';
import { writeSeg } from '../../../shared/seg/writeSeg';
import { sameGrid, type Grid } from '../../../shared/volume/grid';
import { decodeNiftiLabelmap, encodeNifti } from '../../../shared/volume/nifti';
import { obliqueGrid } from '../../../shared/volume/testing/testGrids';
import { createDispatcher } from '../dispatch';
import { PickedPaths } from '../files/pickedPaths';
import type { HandlerContext } from '../handlerTypes';
import { createHandlers } from './index';
import { labelsHandlers } from './labels';

const grid: Grid = {
  dims: [9, 8, 6],
  spacing: [0.8, 0.7, 2.5],
  origin: [-3, -2, 10],
  direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
};
const ctx: HandlerContext = { emit: () => {}, signal: new AbortController().signal };

describe('labels handlers', () => {
  let dir: string;
  let answer: string | null = null;
  let dispatch: ReturnType<typeof createDispatcher>;
  const call = async (channel: string, payload: unknown) => dispatch(channel, payload);
  const pickAndImport = async (path: string, frameOfReferenceUid?: string) => {
    answer = path;
    expect(
      await call('dialog:pickFile', { title: 'x', filters: [{ name: 'SEG', extensions: ['dcm', 'nii.gz'] }] }),
    ).toEqual({ ok: true, value: path });
    return call('labels:import', {
      path,
      referenceGrid: grid,
      ...(frameOfReferenceUid ? { frameOfReferenceUid } : {}),
    });
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'liverplan-labelsh-'));
    const { handlers } = createHandlers({
      userDataDir: dir,
      resourcesDir: dir,
      appVersion: '0',
      host: 'preview',
      pickFile: async () => answer,
      pickSavePath: async () => answer,
    });
    dispatch = createDispatcher(
      handlers,
      () => {},
      () => {},
    );
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('imports a SEG of the study: segments, overlaps and the flattened labels on the reference grid', async () => {
    const path = join(dir, 'seg.dcm');
    await writeFile(path, writeSeg(smallSegInput(grid, sampleMasks(grid))));
    const r = await pickAndImport(path, '2.25.13');
    if (!r.ok) throw new Error(r.error.message);
    const v = r.value as { segments: { name: string; kind: string }[]; overlapVoxels: number; labels: unknown };
    expect(v.segments.map((s) => [s.name, s.kind])).toEqual([
      ['liver', 'liver'],
      ['metastasis', 'lesion'],
      ['hepaticVein', 'vessel'],
    ]);
    expect(v.overlapVoxels).toBeGreaterThan(0);
    expect(v.labels, 'the labelmap crosses as bytes').toBeInstanceOf(Uint8Array);
    const lm = decodeNiftiLabelmap(v.labels as Uint8Array);
    expect(sameGrid(lm.grid, grid)).toBe(true);
    expect(new Set(lm.data)).toEqual(new Set([0, 1, 2, 3]));
  });

  it('refuses a SEG of another frame of reference, a file that is not a SEG, and paths never picked', async () => {
    const seg = join(dir, 'other-frame.dcm');
    await writeFile(seg, writeSeg(smallSegInput(grid, sampleMasks(grid))));
    const wrong = await pickAndImport(seg, '1.2.3.999');
    expect(wrong).toMatchObject({ ok: false, error: { code: 'wrong-frame' } });
    if (!wrong.ok) expect(wrong.error.message).toMatch(/another frame of reference/);

    // A DICOM file that is no SEG (here: a SEG with its SegmentationType removed stands in for an image).
    const image = join(dir, 'image.dcm');
    const ds = readInstance(writeSeg(smallSegInput(grid, sampleMasks(grid))));
    delete ds.SegmentationType;
    ds.SOPClassUID = '1.2.840.10008.5.1.4.1.1.2';
    await writeFile(image, writeInstance(ds));
    const notSeg = await pickAndImport(image);
    expect(notSeg).toMatchObject({ ok: false, error: { code: 'unreadable' } });
    if (!notSeg.ok)
      expect(notSeg.error.message).toBe(
        'image.dcm cannot be imported: it is a DICOM file but not a segmentation (SEG).',
      );

    const text = join(dir, 'notes.txt');
    await writeFile(text, 'not a segmentation '.repeat(40));
    expect(await pickAndImport(text)).toMatchObject({ ok: false, error: { code: 'not-labels' } });

    const elsewhere = join(dir, 'never-picked.dcm');
    await writeFile(elsewhere, writeSeg(smallSegInput(grid, sampleMasks(grid))));
    expect(await call('labels:import', { path: elsewhere, referenceGrid: grid })).toMatchObject({
      ok: false,
      error: { code: 'not-picked' },
    });
  });

  it('imports a SEG the study index lists as a derived object without a dialog ("Load into case")', async () => {
    const listed = join(dir, 'listed-seg.dcm');
    const other = join(dir, 'unlisted-seg.dcm');
    for (const p of [listed, other]) await writeFile(p, writeSeg(smallSegInput(grid, sampleMasks(grid))));
    const index = join(dir, 'study-index.json');
    await writeFile(
      index,
      JSON.stringify({ version: 1, studies: [{ derived: [{ path: listed }] }], phaseOverrides: {} }),
    );
    try {
      const r = await call('labels:import', { path: listed, referenceGrid: grid });
      expect(r).toMatchObject({ ok: true, value: { format: 'seg' } });
      expect(await call('labels:import', { path: other, referenceGrid: grid })).toMatchObject({
        ok: false,
        error: { code: 'not-picked' },
      });
    } finally {
      await rm(index);
    }
  });

  it('refuses a NIfTI wholly outside the image', async () => {
    const far: Grid = { ...grid, origin: [500, 500, 500] };
    const path = join(dir, 'far.nii.gz');
    await writeFile(path, encodeNifti({ grid: far, data: new Uint8Array(9 * 8 * 6).fill(2) }, { gzip: true }));
    const r = await pickAndImport(path);
    expect(r).toMatchObject({ ok: false, error: { code: 'no-overlap' } });
  });

  it('validates payloads before any handler runs', async () => {
    const bad = [
      { path: '', referenceGrid: grid },
      { path: '/x', referenceGrid: { ...grid, dims: [0, 8, 6] } },
      { path: '/x', referenceGrid: { ...grid, spacing: [-1, 1, 1] } },
      { path: '/x', referenceGrid: { ...grid, direction: [2, 0, 0, 0, 1, 0, 0, 0, 1] } },
      { path: '/x', referenceGrid: { ...grid, dims: [4096, 4096, 4096] } },
      { path: '/x', referenceGrid: grid, extra: true },
    ];
    for (const payload of bad)
      expect(await call('labels:import', payload)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await call('dialog:pickSavePath', { defaultName: '../escape.nii.gz' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
  });

  it('refuses files above the size limit unread', async () => {
    const picked = new PickedPaths();
    const path = join(dir, 'big.nii');
    await writeFile(path, new Uint8Array(2048));
    picked.allowOpen(path);
    const h = labelsHandlers(picked, 1024);
    await expect(h['labels:import']!({ path, referenceGrid: grid }, ctx)).rejects.toMatchObject({ code: 'too-large' });
  });

  it('exports a non-axial labelmap as .nii.gz with its sidecar, atomically, and reads back the same voxels', async () => {
    const oblique = obliqueGrid([7, 6, 5], [0.9, 1.1, 2], [10, -20, 30]);
    const data = new Uint8Array(7 * 6 * 5);
    for (let v = 0; v < data.length; v++) data[v] = v % 11 === 0 ? 1 : v % 7 === 0 ? 2 : 0;
    const liver = segmentFromTemplate(SEGMENT_TEMPLATES[0]!, []);
    const lesion = segmentFromTemplate(SEGMENT_TEMPLATES[1]!, [liver]);
    const out = join(dir, 'export', 'case-labels');
    await rm(join(dir, 'export'), { recursive: true, force: true });
    await mkdir(join(dir, 'export'));
    answer = out;
    const picked = await call('dialog:pickSavePath', {
      defaultName: 'x.nii.gz',
      filters: [{ name: 'NIfTI', extensions: ['nii.gz'] }],
    });
    expect(picked).toEqual({ ok: true, value: `${out}.nii.gz` });
    const request = {
      path: `${out}.nii.gz`,
      labels: encodeNifti({ grid: oblique, data }, { gzip: true }),
      segments: [liver, lesion],
      frameOfReferenceUid: '2.25.13',
    };
    const r = await call('labels:exportNifti', request);
    expect(r).toMatchObject({ ok: true, value: { path: `${out}.nii.gz`, sidecarPath: `${out}.json`, labels: 2 } });

    const back = decodeNiftiLabelmap(await readFile(`${out}.nii.gz`));
    expect(sameGrid(back.grid, oblique)).toBe(true);
    expect(Array.from(back.data)).toEqual(Array.from(data));
    const sidecar = labelmapSidecarSchema.parse(JSON.parse(await readFile(`${out}.json`, 'utf8')));
    expect(sidecar.labels.map((l) => [l.label, l.name, l.type.value, l.voxels])).toEqual([
      [1, 'Liver', '10200004', data.filter((v) => v === 1).length],
      [2, 'Lesion 1', '14799000', data.filter((v) => v === 2).length],
    ]);
    expect(sidecar.frameOfReferenceUid).toBe('2.25.13');
    expect((await readdir(join(dir, 'export'))).sort()).toEqual(['case-labels.json', 'case-labels.nii.gz']);

    // Damaged data writes nothing: the previous export stays whole.
    const damaged = await call('labels:exportNifti', { ...request, labels: new Uint8Array([1, 2, 3]) });
    expect(damaged).toMatchObject({ ok: false, error: { code: 'invalid-labels' } });
    // Text is not bytes: the contract refuses it before the handler runs.
    const asText = await call('labels:exportNifti', {
      ...request,
      labels: Buffer.from(request.labels).toString('base64'),
    });
    expect(asText).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    if (!asText.ok) expect(asText.error.message).toMatch(/labels: .*must be binary/);
    expect(Array.from(decodeNiftiLabelmap(await readFile(`${out}.nii.gz`)).data)).toEqual(Array.from(data));
    expect((await readdir(join(dir, 'export'))).sort()).toEqual(['case-labels.json', 'case-labels.nii.gz']);

    // A path the user never chose is refused.
    expect(await call('labels:exportNifti', { ...request, path: join(dir, 'elsewhere.nii.gz') })).toMatchObject({
      ok: false,
      error: { code: 'not-picked' },
    });
  });

  it('imports its own export back with the sidecar names and codes', async () => {
    const data = new Uint8Array(9 * 8 * 6);
    data[10] = 1;
    data[20] = 2;
    const liver = segmentFromTemplate(SEGMENT_TEMPLATES[0]!, []);
    const lesion = segmentFromTemplate(SEGMENT_TEMPLATES[1]!, [liver]);
    const path = join(dir, 'roundtrip.nii.gz');
    answer = path;
    await call('dialog:pickSavePath', {});
    const w = await call('labels:exportNifti', {
      path,
      labels: encodeNifti({ grid, data }, { gzip: true }),
      segments: [liver, lesion],
    });
    expect(w.ok).toBe(true);
    const r = await pickAndImport(path);
    if (!r.ok) throw new Error(r.error.message);
    const v = r.value as { segments: { name: string; kind: string; type: { value: string } }[] };
    expect(v.segments.map((s) => [s.name, s.kind, s.type.value])).toEqual([
      ['Liver', 'liver', '10200004'],
      ['Lesion 1', 'lesion', '14799000'],
    ]);
  });
});
