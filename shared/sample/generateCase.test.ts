import { describe, expect, it } from 'vitest';
import { readInstance } from '../dicom/writeInstance';
import { readSeg } from '../seg/readSeg';
import { indexToPatient, patientToIndex, voxelVolumeMm3 } from '../volume/grid';
import { CASE_LAYOUT, generateCase } from './generateCase';
import type { CaseTruth } from './truth';

/** 64-bit (two FNV-1a lanes) digest of every path and byte, in path order. */
function digest(files: Map<string, Uint8Array>): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  const feed = (bytes: Uint8Array) => {
    for (let n = 0; n < bytes.length; n++) {
      a = Math.imul(a ^ bytes[n]!, 0x01000193) >>> 0;
      b = Math.imul(b ^ bytes[n]!, 0x5bd1e995) >>> 0;
    }
  };
  for (const [path, bytes] of [...files].sort(([x], [y]) => x.localeCompare(y))) {
    feed(new TextEncoder().encode(path));
    feed(bytes);
  }
  return `${a.toString(16)}${b.toString(16)}:${files.size}`;
}

// One phase keeps this file quick; it is the phase the SEG references.
const options = { phases: ['portal_venous' as const] };

describe('generateCase (solitary-ablation, portal venous only)', async () => {
  const first = await generateCase('solitary-ablation', options);
  const truth = JSON.parse(new TextDecoder().decode(first.files.get(CASE_LAYOUT.truthFile))) as CaseTruth;

  it('writes the same bytes on every run', async () => {
    const second = await generateCase('solitary-ablation', options);
    expect(digest(second.files)).toBe(digest(first.files));
  });

  it('writes CT slices whose geometry matches the truth grid', () => {
    const folder = truth.phases[0]!.folder;
    const slices = [...first.files].filter(([p]) => p.startsWith(folder + '/'));
    expect(slices).toHaveLength(truth.grid.dims[2]);
    const ds = slices.map(([, b]) => readInstance(b));
    const top = ds.find((d) => d.InstanceNumber === 1)!;
    // Instance 1 is the most superior slice, as scanners number them.
    const k = truth.grid.dims[2] - 1;
    expect(top.ImagePositionPatient).toEqual(indexToPatient(truth.grid, 0, 0, k).map((v) => Number(v.toPrecision(10))));
    expect(top.ImageOrientationPatient).toEqual([1, 0, 0, 0, 1, 0]);
    expect(top.PixelSpacing).toEqual([truth.grid.spacing[1], truth.grid.spacing[0]]);
    expect(top.Rows).toBe(truth.grid.dims[1]);
    expect(top.Columns).toBe(truth.grid.dims[0]);
    expect(top.RescaleIntercept).toBe(-1024);
    expect(top.FrameOfReferenceUID).toBe(truth.frameOfReferenceUid);
    expect(top.ContrastBolusAgent).toMatch(/Iohexol/);
    expect(top.SeriesInstanceUID).toBe(truth.phases[0]!.seriesInstanceUid);
    expect(new Set(ds.map((d) => d.SOPInstanceUID)).size).toBe(ds.length);
  });

  it('shows the lesion and the liver with the expected portal-venous attenuation', () => {
    const folder = truth.phases[0]!.folder;
    const lesion = truth.lesions[0]!;
    const hu = (p: [number, number, number]) => {
      const [i, j, k] = patientToIndex(truth.grid, p).map(Math.round) as [number, number, number];
      const name = `${folder}/IM${String(truth.grid.dims[2] - k).padStart(4, '0')}.dcm`;
      const ds = readInstance(first.files.get(name)!);
      const px = new Int16Array((ds.PixelData as ArrayBuffer[])[0]!);
      let sum = 0;
      for (let b = -1; b <= 1; b++)
        for (let a = -1; a <= 1; a++) sum += px[i + a + truth.grid.dims[0] * (j + b)]! - 1024;
      return sum / 9;
    };
    const liver = hu(truth.liverSeedLps);
    const tumour = hu(lesion.centreLps);
    expect(liver).toBeGreaterThan(95);
    expect(liver).toBeLessThan(130);
    expect(tumour).toBeLessThan(liver - 10); // washout against enhancing liver
  });

  it('writes truth whose numbers match the SEG voxels', () => {
    const seg = readSeg(first.files.get(CASE_LAYOUT.segFile)!, truth.grid);
    expect(seg.segments.map((s) => s.number)).toEqual(truth.segments.map((s) => s.label));
    expect(seg.referencedSeriesInstanceUids).toEqual([truth.segReferencedSeriesInstanceUid]);
    const ml = voxelVolumeMm3(truth.grid) / 1000;
    truth.segments.forEach((s, n) => {
      let voxels = 0;
      for (const v of seg.masks[n]!.data) voxels += v;
      expect(voxels).toBe(s.voxels);
      expect(s.volumeMl).toBeCloseTo(voxels * ml, 2);
    });
    const liver = truth.segments[0]!;
    expect(liver.code.value).toBe('10200004');
    expect(liver.volumeMl).toBeGreaterThan(1200);
    expect(liver.volumeMl).toBeLessThan(2200);
    expect(truth.lesionCount).toBe(1);
    const lesion = truth.lesions[0]!;
    expect(lesion.diameterMm).toBe(25);
    // A 25 mm (slightly flattened) ball: about 7.2 mL.
    expect(lesion.volumeMl).toBeGreaterThan(6.5);
    expect(lesion.volumeMl).toBeLessThan(8);
    expect(truth.tumourBurdenPercent).toBeCloseTo((100 * lesion.voxels) / liver.voxels, 2);
    expect(lesion.mostConspicuousPhase).toBe('arterial');
    // The lesion centre and liver seed fall in their segments.
    const at = (p: [number, number, number], n: number) => {
      const [i, j, k] = patientToIndex(truth.grid, p).map(Math.round) as [number, number, number];
      return seg.masks[n]!.data[i + truth.grid.dims[0] * (j + truth.grid.dims[1] * k)];
    };
    expect(at(lesion.centreLps, lesion.segmentNumber - 1)).toBe(1);
    expect(at(truth.liverSeedLps, 0)).toBe(1);
  });
});
