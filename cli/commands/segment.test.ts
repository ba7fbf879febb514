import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeInstance } from '../../shared/dicom/writeInstance';
import { makeCtSeries } from '../../shared/export/testing/testSeries';
import { readSeg } from '../../shared/seg/readSeg';
import { dice, makeTestPhantom, type TestPhantom } from '../../shared/segment/testing/testPhantom';
import { decodeNiftiLabelmap, encodeNifti } from '../../shared/volume/nifti';
import { axialGrid } from '../../shared/volume/testing/testGrids';
import { segmentCommand } from './segment';
import { CliError } from './types';

/** The segment phantom written as two DICOM series (portal, arterial) on one grid. */
let dir: string;
let ph: TestPhantom;
const dims: [number, number, number] = [44, 36, 18];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'liverplan-segment-'));
  // makeCtSeries places slice k at [-10, -20, 2.5 k] with axial orientation.
  ph = makeTestPhantom(axialGrid(dims, [1.4, 1.3, 2.5], [-10, -20, 0]), 8, 4);
  let frame: unknown;
  for (const phase of ['portal', 'arterial'] as const) {
    const series = makeCtSeries(dims[0], dims[1], dims[2], [1.4, 1.3, 2.5]);
    mkdirSync(join(dir, phase));
    const data = ph.phases[phase].data;
    series.forEach((ds, k) => {
      const plane = dims[0] * dims[1];
      const pixels = Int16Array.from(data.subarray(k * plane, (k + 1) * plane));
      ds.PixelData = [pixels.buffer];
      ds.SeriesDescription = phase;
      frame ??= ds.FrameOfReferenceUID;
      ds.FrameOfReferenceUID = frame; // one acquisition, two phases
      writeFileSync(join(dir, phase, `${k}.dcm`), writeInstance(ds));
    });
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('liverplan segment', () => {
  it('segments the liver from one LPS seed into NIfTI on the image grid', async () => {
    const out = join(dir, 'liver.nii.gz');
    const c = ph.lesionCentres[0]!;
    const seed = `${c[0] + 8},${c[1] - 8},${c[2] + 5}`;
    const r = await segmentCommand.run(['liver', '--image', join(dir, 'portal'), '--seed', seed, '--out', out]);
    const lm = decodeNiftiLabelmap(readFileSync(out));
    expect(lm.grid.dims).toEqual(dims);
    expect(
      dice(
        Uint8Array.from(lm.data, (v) => (v ? 1 : 0)),
        ph.liver,
      ),
    ).toBeGreaterThan(0.93);
    expect((r.json as { segments: { volumeMl: number }[] }).segments[0]!.volumeMl).toBeGreaterThan(10);
  });

  it('takes a NIfTI image as --image (and --phase) as well as a DICOM series, with the same result', async () => {
    const c = ph.lesionCentres[0]!;
    const seed = `${c[0] + 8},${c[1] - 8},${c[2] + 5}`;
    const image = join(dir, 'portal.nii.gz');
    writeFileSync(image, encodeNifti(ph.phases.portal, { gzip: true }));
    const fromDicom = join(dir, 'liver-dicom.nii.gz');
    const fromNifti = join(dir, 'liver-nifti.nii.gz');
    await segmentCommand.run(['liver', '--image', join(dir, 'portal'), '--seed', seed, '--out', fromDicom]);
    await segmentCommand.run(['liver', '--image', image, '--seed', seed, '--out', fromNifti]);
    expect(decodeNiftiLabelmap(readFileSync(fromNifti)).data).toEqual(
      decodeNiftiLabelmap(readFileSync(fromDicom)).data,
    );
    const arterial = join(dir, 'arterial.nii.gz');
    writeFileSync(arterial, encodeNifti(ph.phases.arterial, { gzip: true }));
    const lesions = join(dir, 'lesion-nifti.nii.gz');
    const r = await segmentCommand.run([
      'lesion',
      '--image',
      image,
      '--phase',
      arterial,
      '--seed',
      c.join(','),
      '--out',
      lesions,
      '--json',
    ]);
    expect((r.json as { segments: { voxels: number }[] }).segments[0]!.voxels).toBeGreaterThan(0);
    await expect(
      segmentCommand.run(['liver', '--image', image, '--seed', seed, '--out', join(dir, 'x.dcm')]),
    ).rejects.toThrow(/NIfTI --image gets NIfTI output/);
  });

  it('writes a lesion SEG and refuses bad seeds', async () => {
    const out = join(dir, 'lesion.dcm');
    const click = ph.lesionCentres[0]!.join(',');
    const r = await segmentCommand.run([
      'lesion',
      '--image',
      join(dir, 'portal'),
      '--phase',
      join(dir, 'arterial'),
      '--seed',
      click,
      '--out',
      out,
    ]);
    const json = r.json as { segments: { phase: string; voxels: number }[] };
    expect(json.segments[0]!.phase).toBe('arterial');
    const seg = readSeg(readFileSync(out), ph.grid);
    expect(seg.segments.length).toBe(1);
    expect(dice(seg.masks[0]!.data as Uint8Array, ph.lesions[0]!)).toBeGreaterThan(0.85);
    await expect(
      segmentCommand.run(['lesion', '--image', join(dir, 'portal'), '--seed', '1e4,0,0', '--out', out]),
    ).rejects.toThrow(/outside the image/);
    await expect(
      segmentCommand.run(['kidney', '--image', dir, '--seed', '0,0,0', '--out', out]),
    ).rejects.toBeInstanceOf(CliError);
  });

  it('segments lesions from a drag and a click, and flags one the liver mask left out', async () => {
    const out = join(dir, 'lesions.nii.gz');
    // A liver mask without lesion 1 (as a liver segmentation that left a tumour out).
    const liverFile = join(dir, 'liver-without-1.nii.gz');
    const cut = Uint8Array.from(ph.liver, (v, n) => (ph.lesions[1]![n] ? 0 : v));
    writeFileSync(liverFile, encodeNifti({ grid: ph.grid, data: cut }, { gzip: true }));
    const [a, b] = [ph.lesionCentres[0]!, ph.lesionCentres[1]!];
    // A drag across lesion 0 (7 mm radius) along x.
    const line = `${a[0] - 6},${a[1]},${a[2]}:${a[0] + 6},${a[1]},${a[2]}`;
    const r = await segmentCommand.run([
      'lesion',
      '--image',
      join(dir, 'portal'),
      '--phase',
      join(dir, 'arterial'),
      '--seed',
      b.join(','),
      '--line',
      line,
      '--liver',
      liverFile,
      '--out',
      out,
      '--json',
    ]);
    const json = r.json as {
      segments: { label: number; phase: string; outsideLiver: boolean; lineLps?: number[][] }[];
    };
    expect(json.segments.map((s) => [s.label, s.phase, s.outsideLiver])).toEqual([
      [1, 'arterial', true],
      [2, 'arterial', false],
    ]);
    expect(json.segments[1]!.lineLps).toHaveLength(2);
    expect(r.text).toMatch(/outside the --liver mask/);
    const lm = decodeNiftiLabelmap(readFileSync(out));
    expect(
      dice(
        Uint8Array.from(lm.data, (v) => (v === 1 ? 1 : 0)),
        ph.lesions[1]!,
      ),
    ).toBeGreaterThan(0.8);
    expect(
      dice(
        Uint8Array.from(lm.data, (v) => (v === 2 ? 1 : 0)),
        ph.lesions[0]!,
      ),
    ).toBeGreaterThan(0.85);
    await expect(
      segmentCommand.run(['lesion', '--image', join(dir, 'portal'), '--line', '1,2,3', '--out', out]),
    ).rejects.toThrow(/X1,Y1,Z1:X2,Y2,Z2/);
    // Negative coordinates are values, not options.
    await expect(
      segmentCommand.run(['lesion', '--image', join(dir, 'portal'), '--line', '-1e4,0,0:-1e4,0,5', '--out', out]),
    ).rejects.toThrow(/outside the image/);
    await expect(
      segmentCommand.run(['liver', '--image', join(dir, 'portal'), '--line', line, '--out', out]),
    ).rejects.toBeInstanceOf(CliError);
  });
});
