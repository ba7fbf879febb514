import { describe, expect, it } from 'vitest';
import { buildStudyTree } from './buildStudyTree';
import { decodedVolumePlan } from './decodedVolumePlan';
import { extractHeader } from './extractHeader';
import { makeSeries, type FixtureFile, type SeriesRecipe } from './makeSeries';

const seriesOf = (files: FixtureFile[]) =>
  buildStudyTree(files.map((f) => extractHeader(f.bytes, f.name))).studies[0]!.series[0]!;
const planFor = (r: SeriesRecipe, shuffle = false) => {
  const files = makeSeries(r);
  const s = seriesOf(shuffle ? [...files].reverse() : files);
  return { plan: decodedVolumePlan(s.openInfo, s.planes.length), series: s };
};

describe('decodedVolumePlan', () => {
  it('puts each file of an oblique feet-first stack on the slice the scan sorted it to', () => {
    const { plan, series } = planFor(
      { slices: 5, rows: 6, columns: 7, orientation: [0.8, 0.6, 0, 0, 0, -1], sliceStep: -2, pixelSpacing: [0.7, 0.9] },
      true,
    );
    expect(plan).not.toBeNull();
    const g = plan!.stack.grid;
    expect(g.dims).toEqual([7, 6, 5]);
    expect(g.spacing[0]).toBeCloseTo(0.9);
    expect(g.spacing[1]).toBeCloseTo(0.7);
    expect(g.spacing[2]).toBeCloseTo(2);
    // Slice k of the grid lies at the position of the file order[k] names.
    const info = series.openInfo!;
    const normal = g.direction.slice(6, 9);
    plan!.stack.order.forEach((file, k) => {
      const p = info.positions[file]!;
      const expected = g.origin.map((o, a) => o + k * g.spacing[2] * normal[a]!);
      p.forEach((v, a) => expect(v).toBeCloseTo(expected[a]!, 4));
    });
  });

  it('chooses the sample type from the pixel format and rescale', () => {
    expect(planFor({ slices: 3, rescaleIntercept: -1024, signed: false }).plan!.type).toBe('int16');
  });

  it('leaves unevenly spaced stacks (resampled) to the other path', () => {
    expect(planFor({ slices: 4, sliceStep: [2, 2, 5] }).plan).toBeNull();
  });

  it('is null without open info or with a file count that does not match it', () => {
    const { series } = planFor({ slices: 3 });
    expect(decodedVolumePlan(undefined, 3)).toBeNull();
    expect(decodedVolumePlan(series.openInfo!, 4)).toBeNull();
  });
});
