import { describe, expect, it } from 'vitest';
import { readLabelFile } from '../seg/labelFile';
import { sampleMasks, smallSegInput } from '../seg/testing/testSupport';
import { writeSeg } from '../seg/writeSeg';
import { encodeNifti } from '../volume/nifti';
import type { Grid } from '../volume/grid';
import { axialGrid } from '../volume/testing/testGrids';
import { composeImport, mergeImport, planImport } from './importSegments';
import { segmentFromTemplate, SEGMENT_TEMPLATES } from './segmentTemplates';

const grid: Grid = {
  dims: [9, 8, 6],
  spacing: [0.8, 0.7, 2.5],
  origin: [-3, -2, 10],
  direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
};
const ones = (a: ArrayLike<number>) => Array.from(a).filter(Boolean).length;

describe('composeImport', () => {
  it('flattens overlapping SEG segments with the later one winning, and counts what each gave up', () => {
    const masks = sampleMasks(grid);
    const c = composeImport(readLabelFile(writeSeg(smallSegInput(grid, masks)), grid));
    expect(c.segments.map((s) => [s.name, s.kind, s.type.value])).toEqual([
      ['liver', 'liver', '10200004'],
      ['metastasis', 'lesion', '14799000'],
      ['hepaticVein', 'vessel', '8993003'],
    ]);
    // The vein line (3) crosses the box (1) and the ball (2): wherever it runs, it wins.
    for (let v = 0; v < c.labels.length; v++) {
      const expected = masks[2]![v] ? 3 : masks[1]![v] ? 2 : masks[0]![v] ? 1 : 0;
      expect(c.labels[v]).toBe(expected);
    }
    let overlap = 0;
    for (let v = 0; v < c.labels.length; v++) if (masks[0]![v]! + masks[1]![v]! + masks[2]![v]! > 1) overlap++;
    expect(c.overlapVoxels).toBe(overlap);
    expect(c.segments[0]!.voxels + c.segments[0]!.lostVoxels).toBe(ones(masks[0]!));
    expect(c.segments[2]!.lostVoxels).toBe(0);
    // Colour from RecommendedDisplayCIELabValue (200, 100, 50) within the Lab round trip.
    expect(c.segments[0]!.color[0]).toBeGreaterThanOrEqual(198);
  });

  it('makes each NIfTI label value a segment "Label N" and leaves out labels outside the grid', () => {
    const big = axialGrid([12, 8, 6], [0.8, 0.7, 2.5], [-3, -2, 10]);
    const data = new Uint8Array(12 * 8 * 6);
    data[1 + 12 * (1 + 8 * 1)] = 7;
    data[2 + 12 * (1 + 8 * 1)] = 300 % 256; // 44
    data[11 + 12 * (1 + 8 * 1)] = 9; // column 11 lies outside the 9-wide reference grid
    const c = composeImport(readLabelFile(encodeNifti({ grid: big, data }), grid));
    expect(c.segments.map((s) => [s.name, s.sourceNumber, s.index])).toEqual([
      ['Label 7', 7, 1],
      ['Label 44', 44, 2],
    ]);
    expect(c.outside).toEqual(['Label 9']);
    expect(c.segments[0]!.kind).toBe('other');
    expect(c.labels[1 + 9 * (1 + 8 * 1)]).toBe(1);
  });

  it('refuses a file with no voxel inside the image', () => {
    const far = axialGrid([4, 4, 4], [1, 1, 1], [500, 500, 500]);
    const data = new Uint8Array(64).fill(1);
    expect(() => composeImport(readLabelFile(encodeNifti({ grid: far, data }), grid))).toThrow(/no voxel/);
  });
});

describe('planImport and mergeImport', () => {
  const liver = segmentFromTemplate(SEGMENT_TEMPLATES[0]!, []);
  const imported = [
    {
      index: 1,
      sourceNumber: 1,
      name: 'Liver',
      kind: 'liver' as const,
      category: liver.category,
      type: liver.type,
      color: [1, 2, 3] as [number, number, number],
      voxels: 2,
      lostVoxels: 0,
    },
    {
      index: 2,
      sourceNumber: 5,
      name: 'Label 5',
      kind: 'other' as const,
      category: liver.category,
      type: liver.type,
      color: [4, 5, 6] as [number, number, number],
      voxels: 1,
      lostVoxels: 0,
    },
  ];

  it('gives imported segments free labels and unique names', () => {
    const { added, labelOf } = planImport([liver, { ...liver, label: 3, name: 'Lesion 1' }], imported);
    expect(added.map((s) => [s.label, s.name])).toEqual([
      [2, 'Liver (2)'],
      [4, 'Label 5'],
    ]);
    expect(Array.from(labelOf)).toEqual([0, 2, 4]);
  });

  it('refuses more segments than the one-byte labelmap holds', () => {
    const many = Array.from({ length: 255 }, (_, n) => ({ ...liver, label: n + 1, name: `S${n}` }));
    expect(() => planImport(many, imported)).toThrow(/room for 0/);
  });

  it('writes imported voxels over unlocked ones only', () => {
    const voxels = Uint8Array.from([0, 1, 1, 3, 0]);
    const composed = Uint8Array.from([1, 1, 0, 2, 0]);
    const r = mergeImport(voxels, composed, Uint8Array.from([0, 2, 4]), new Set([3]));
    expect(Array.from(r.voxels)).toEqual([2, 2, 1, 3, 0]);
    expect(r.replaced).toBe(1);
    expect(r.keptLocked).toBe(1);
    expect(Array.from(voxels)).toEqual([0, 1, 1, 3, 0]);
  });
});
