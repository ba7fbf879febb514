import { describe, expect, it } from 'vitest';
import { extractHeader } from './extractHeader';
import { buildStudyTree } from './buildStudyTree';
import { makeSeries, type FixtureFile, type SeriesRecipe } from './makeSeries';

const headers = (files: FixtureFile[]) => files.map((f) => extractHeader(f.bytes, f.name));
const one = (r: SeriesRecipe, reorder?: (f: FixtureFile[]) => FixtureFile[]) => {
  const files = makeSeries(r);
  const tree = buildStudyTree(headers(reorder ? reorder(files) : files));
  expect(tree.studies).toHaveLength(1);
  return tree.studies[0]!.series;
};
const codes = (s: { findings: { code: string }[] }) => s.findings.map((f) => f.code);
const shuffle = <T>(a: T[]) =>
  a
    .map((x, i) => [x, (i * 7919) % 13] as const)
    .sort((p, q) => p[1] - q[1])
    .map((p) => p[0]);

describe('series geometry from IPP/IOP', () => {
  it('sorts reversed and shuffled files along the normal, spacing from positions', () => {
    for (const order of [(f: FixtureFile[]) => [...f].reverse(), shuffle]) {
      const [s] = one({ slices: 7, sliceStep: 1.25 }, order);
      expect(s!.planes.map((p) => p.path)).toEqual(makeSeries({ slices: 7 }).map((f) => f.name));
      expect(s!.spacing[0]).toBeCloseTo(0.7);
      expect(s!.spacing[1]).toBeCloseTo(0.8);
      expect(s!.spacing[2]).toBeCloseTo(1.25); // not SliceThickness (99)
      expect(s!.origin).toEqual([-10, -20, 30]);
      expect(s!.findings).toEqual([]);
      expect(s!.isVolume && s!.measurable).toBe(true);
    }
  });
  it('feet-first (decreasing z in file order) still sorts by increasing position along the normal', () => {
    const [s] = one({ slices: 5, sliceStep: -3 });
    expect(s!.origin[2]).toBeCloseTo(30 - 12);
    expect(s!.spacing[2]).toBeCloseTo(3);
    expect(s!.direction.slice(6)).toEqual([0, 0, 1]);
  });
  it('handles an oblique orientation: normal from the cosines, not the z axis', () => {
    const c = Math.SQRT1_2;
    const [s] = one({ orientation: [1, 0, 0, 0, c, -c], sliceStep: 2 });
    expect(s!.direction[6]).toBeCloseTo(0);
    expect(s!.direction[7]).toBeCloseTo(c);
    expect(s!.direction[8]).toBeCloseTo(c);
    expect(s!.spacing[2]).toBeCloseTo(2);
    expect(s!.findings).toEqual([]);
  });
  it('reports missing slices and refuses measurement', () => {
    const [s] = one({ slices: 10, drop: [4, 5] });
    expect(codes(s!)).toEqual(['missing-slices']);
    expect(s!.findings[0]!.message).toMatch(/About 2 slice/);
    expect(s!.measurable).toBe(false);
  });
  it('reports uneven spacing and resamples', () => {
    const [s] = one({ slices: 5, sliceStep: [2, 2.5, 2, 2.5] });
    expect(codes(s!)).toEqual(['non-uniform-spacing']);
    expect(s!.stack!.resample.spacing).toBe(true);
    expect(s!.measurable).toBe(true);
  });
  it('calls a change of slice step non-uniform spacing and lists the steps, not missing slices', () => {
    // A GE head CT: 4 mm steps, then 7 mm steps (protocol change), and a 5 -> 10 mm change.
    for (const [steps, text] of [
      [[4, 4, 4, 4, 4, 7, 7, 7], '4 mm x 5, 7 mm x 3'],
      [[5, 5, 5, 10, 10, 10], '5 mm x 3, 10 mm x 3'],
    ] as const) {
      const [s] = one({ slices: steps.length + 1, sliceStep: [...steps] });
      expect(codes(s!)).toEqual(['non-uniform-spacing']);
      expect(s!.findings[0]!.message).toContain(text);
      expect(s!.measurable).toBe(true);
    }
    // A lone double step in a regular run is still a missing slice.
    const [g] = one({ slices: 8, sliceStep: [5, 5, 5, 10, 5, 5, 5] });
    expect(codes(g!)).toEqual(['missing-slices']);
  });
  it('detects gantry tilt from the IPP shear', () => {
    const [s] = one({ slices: 6, sliceStep: 2, shearPerSlice: 0.35 });
    expect(codes(s!)).toEqual(['gantry-tilt']);
    expect(s!.findings[0]!.message).toMatch(/9\.9\d? deg/);
    expect(s!.stack!.resample.shear).toBe(true);
  });
  it('flags duplicate positions and deduplicates identical instances', () => {
    const a = makeSeries({ slices: 3 });
    // The same SOP twice is one instance; a different SOP at the same place is a duplicate position.
    const c = makeSeries({ slices: 1, extra: { SOPInstanceUID: '2.25.99' } });
    const tree = buildStudyTree(headers([...a, ...a, ...c]));
    const s = tree.studies[0]!.series[0]!;
    expect(s.imageCount).toBe(4);
    expect(codes(s)).toEqual(['duplicate-positions']);
    expect(s.isVolume).toBe(false);
  });
  it('splits a dynamic series with repeated positions by temporal position', () => {
    const t1 = makeSeries({ slices: 3, extra: { TemporalPositionIdentifier: 1 } });
    const t2 = makeSeries({ slices: 3, uidRoot: '2.25.4242', seriesUid: '2.25.4242.2.1', extra: {} }).map((f, n) => ({
      ...f,
      bytes: makeSeries({ slices: 3, extra: { TemporalPositionIdentifier: 2, SOPInstanceUID: `2.25.55.${n}` } })[n]!
        .bytes,
    }));
    const series = buildStudyTree(headers([...t1, ...t2])).studies[0]!.series;
    expect(series.map((s) => s.imageCount)).toEqual([3, 3]);
    expect(series.every((s) => s.isVolume && s.measurable)).toBe(true);
    expect(series[0]!.findings[0]!.message).toMatch(/split by TemporalPositionIdentifier/);
  });
  it('splits mixed orientations and localizers, single images flagged', () => {
    const axial = makeSeries({ slices: 4 });
    const coronal = makeSeries({ slices: 2, orientation: [1, 0, 0, 0, 0, -1], extra: {} }).map((f, n) => ({
      ...f,
      bytes: makeSeries({
        slices: 1,
        orientation: [1, 0, 0, 0, 0, -1],
        extra: { SOPInstanceUID: `2.25.77.${n}`, InstanceNumber: 50 + n },
      })[0]!.bytes,
    }));
    const scout = makeSeries({
      slices: 1,
      imageType: 'ORIGINAL\\PRIMARY\\LOCALIZER',
      extra: { SOPInstanceUID: '2.25.88' },
    });
    const series = buildStudyTree(headers([...axial, ...coronal, ...scout])).studies[0]!.series;
    const byCount = [...series].sort((a, b) => b.imageCount - a.imageCount);
    expect(byCount.map((s) => s.imageCount)).toEqual([4, 2, 1]);
    expect(byCount[0]!.seriesInstanceUid).toBe('2.25.4242.2.1');
    expect(codes(byCount[0]!)).toEqual(['mixed-orientation']);
    expect(codes(byCount[1]!)).toContain('duplicate-positions');
    expect(codes(byCount[2]!)).toEqual(['localizer']);
    expect(byCount[2]!.isVolume).toBe(false);
    const single = one({ slices: 1 });
    expect(codes(single[0]!)).toEqual(['single-image']);
  });
  it('groups files whose UIDs are missing', () => {
    const files = makeSeries({ slices: 3, extra: { SeriesInstanceUID: undefined, StudyInstanceUID: undefined } });
    const tree = buildStudyTree(headers(files));
    expect(tree.studies).toHaveLength(1);
    expect(tree.studies[0]!.series).toHaveLength(1);
    expect(tree.studies[0]!.series[0]!.imageCount).toBe(3);
    expect(codes(tree.studies[0]!.series[0]!)).toContain('derived-uids');
  });
});
