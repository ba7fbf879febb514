import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSeriesVolume } from '../../electron/services/dicom/loadSeries';
import { makeSeries } from '../../shared/dicom/makeSeries';
import { encodeNifti } from '../../shared/volume/nifti';
import { main } from '../main';

function capture() {
  let text = '';
  return { stream: { write: (s: string) => (text += s) }, text: () => text };
}

describe('liverplan volumetry', () => {
  it('reports volumes, HU, lesion count and burden against the voxel truth', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lp-vol-'));
    const inBlock = (i: number, j: number, k: number, lo: number, hi: number) =>
      i >= lo && i < hi && j >= lo && j < hi && k >= lo && k < hi;
    // Stored values: 1100 (= 76 HU after -1024) in the 4^3 liver block, 1200 (176 HU) in its 2^3 tumour core.
    const files = makeSeries({
      rows: 8,
      columns: 8,
      slices: 8,
      pixelSpacing: [0.8, 0.7],
      sliceStep: 2.5,
      rescaleIntercept: -1024,
      signed: true,
      value: (i, j, k) => (inBlock(i, j, k, 3, 5) ? 1200 : inBlock(i, j, k, 2, 6) ? 1100 : 0),
    });
    for (const f of files) writeFileSync(join(dir, f.name), f.bytes);
    const { volume } = await loadSeriesVolume(dir);
    const labels = new Uint8Array(volume.data.length);
    const [nx, ny] = volume.grid.dims;
    for (let k = 0; k < 8; k++)
      for (let j = 0; j < 8; j++)
        for (let i = 0; i < 8; i++)
          labels[i + nx * (j + ny * k)] = inBlock(i, j, k, 3, 5) ? 2 : inBlock(i, j, k, 2, 6) ? 1 : 0;
    const nii = join(dir, 'labels.nii.gz');
    writeFileSync(nii, encodeNifti({ grid: volume.grid, data: labels }, { gzip: true }));

    const out = capture();
    const code = await main(
      ['volumetry', '--image', dir, '--labels', nii, '--liver', '1', '--tumour', '2', '--json'],
      out.stream,
      out.stream,
    );
    expect(code).toBe(0);
    const r = JSON.parse(out.text());
    const voxelMm3 = 0.7 * 0.8 * 2.5;
    expect(r.voxelVolumeMm3).toBeCloseTo(voxelMm3, 6);
    expect(r.segments).toHaveLength(2);
    expect(r.segments[0]).toMatchObject({ label: 1, voxels: 56, hu: { mean: 76, sd: 0, min: 76, max: 76 } });
    expect(r.segments[1]).toMatchObject({ label: 2, voxels: 8, hu: { mean: 176 } });
    expect(r.segments[1].volumeMl).toBeCloseTo((8 * voxelMm3) / 1000, 3);
    expect(r.lesionCount).toBe(1);
    // Denominator is the liver INCLUDING the tumour: 8 / 64.
    expect(r.tumourBurdenPercent).toBeCloseTo(12.5, 2);
    expect(r.burdenBin).toBe('10-25%');
    expect(r.wholeLiverMl).toBeCloseTo((64 * voxelMm3) / 1000, 3);
    expect(r.lesions).toEqual([expect.objectContaining({ id: 'L2', label: 2, voxels: 8, lobe: null })]);

    // A NIfTI tumour label from another tool holds every tumour: each separate part is a lesion.
    labels[7 + nx * (7 + ny * 7)] = 2;
    writeFileSync(nii, encodeNifti({ grid: volume.grid, data: labels }, { gzip: true }));
    const again = capture();
    await main(
      ['volumetry', '--image', dir, '--labels', nii, '--liver', '1', '--tumour', '2', '--json'],
      again.stream,
      again.stream,
    );
    const parts = JSON.parse(again.text());
    expect(parts.lesionCount).toBe(2);
    expect(parts.lesions.map((l: { id: string; voxels: number }) => [l.id, l.voxels])).toEqual([
      ['L2.1', 8],
      ['L2.2', 1],
    ]);
  });
  it('says which file is wrong', async () => {
    const out = capture();
    expect(await main(['volumetry', '--image', '/nonexistent', '--labels', 'x.nii'], out.stream, out.stream)).toBe(1);
    expect(out.text()).toMatch(/^liverplan volumetry: /);
  });
});
