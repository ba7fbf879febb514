import { describe, expect, it } from 'vitest';
import { buildStudyTree } from './buildStudyTree';
import { extractHeader } from './extractHeader';
import { makeSeries, type FixtureFile } from './makeSeries';

const tree = (files: FixtureFile[]) => buildStudyTree(files.map((f) => extractHeader(f.bytes, f.name)));

describe('volumeOpenInfo', () => {
  it('gives every plane position in sorted order and the shared pixel format, for an oblique feet-first stack', () => {
    const orientation: [number, number, number, number, number, number] = [0.8, 0.6, 0, 0, 0, -1];
    const files = makeSeries({
      slices: 6,
      rows: 8,
      columns: 10,
      orientation,
      sliceStep: -2.5,
      pixelSpacing: [0.7, 0.9],
    });
    const s = tree([...files].reverse()).studies[0]!.series[0]!;
    const info = s.openInfo!;
    expect(info.positions).toHaveLength(6);
    expect(info.rows).toBe(8);
    expect(info.columns).toBe(10);
    expect(info.pixelSpacing).toEqual([0.7, 0.9]);
    expect(info.orientation).toEqual(orientation);
    // Positions follow the sorted planes (the order fileIds and the volume use).
    s.planes.forEach((p, n) => {
      const f = files.find((x) => x.name === p.path)!;
      const h = extractHeader(f.bytes, f.name);
      expect(info.positions[n]).toEqual(h.geometry.position);
    });
    expect(info.bitsAllocated).toBe(16);
    const h0 = extractHeader(files[0]!.bytes, 'x');
    expect(info.window).toEqual(Number.isFinite(h0.windowCenter) ? [h0.windowCenter, h0.windowWidth] : null);
    expect(info.rescaleIntercept).toBe(extractHeader(files[0]!.bytes, 'x').rescaleIntercept);
  });

  it('is null when planes differ in rescale (each header must be read) and for non-volumes', () => {
    // One series whose upper half was written with another rescale intercept.
    const a = makeSeries({ slices: 6, rescaleIntercept: -1024 }).slice(0, 3);
    const b = makeSeries({ slices: 6, rescaleIntercept: -1000 }).slice(3);
    const mixed = tree([...a, ...b]).studies[0]!.series[0]!;
    expect(mixed.isVolume).toBe(true);
    expect(mixed.openInfo).toBeNull();
    const single = tree(makeSeries({ slices: 1 })).studies[0]!.series[0]!;
    expect(single.openInfo).toBeNull();
  });
});
