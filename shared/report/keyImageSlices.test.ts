import { describe, expect, it } from 'vitest';
import { keyImageSlices, largestSlice, sliceAreas } from './keyImageSlices';

const dims: [number, number, number] = [10, 10, 9];
const at = (i: number, j: number, k: number) => i + 10 * (j + 10 * k);

/** A labelmap with a "lesion" (label 2) whose disc radius grows to slice 6 and a liver (1) widest on slice 2. */
function labels(): Uint8Array {
  const data = new Uint8Array(10 * 10 * 9);
  const radius = [0, 1, 2, 2, 2, 3, 4, 3, 1];
  for (let k = 0; k < 9; k++)
    for (let j = 0; j < 10; j++)
      for (let i = 0; i < 10; i++) {
        if ((i - 5) ** 2 + (j - 5) ** 2 <= radius[k]! ** 2) data[at(i, j, k)] = 2;
        else if (k === 2 || (k === 3 && i < 8)) data[at(i, j, k)] = 1;
      }
  return data;
}

describe('keyImageSlices', () => {
  it('picks the middle of equal largest cross-sections, independent of scan direction', () => {
    expect(largestSlice([0, 3, 5, 5, 5, 2])).toBe(3);
    expect(largestSlice([0, 5, 5, 0])).toBe(1);
    expect(largestSlice([0, 0])).toBe(-1);
  });

  it('counts a structure per axial slice', () => {
    const data = labels();
    const areas = sliceAreas(dims, (n) => data[n] === 2);
    expect(areas[0]).toBe(1);
    expect(Math.max(...areas)).toBe(areas[6]);
  });

  it('shows each lesion at its largest axial slice, the liver at its own, and each applicator where its zone is widest', () => {
    const data = labels();
    const zone = new Uint8Array(data.length);
    for (let i = 0; i < 4; i++) zone[at(i, 1, 4)] = 1;
    zone[at(1, 1, 5)] = 1;
    const plans = keyImageSlices({
      grid: { dims, spacing: [2, 2, 3] },
      labels: data,
      lesionLabels: [2, 9],
      liverLabels: [1, 2],
      territory: { id: 't', mask: Uint8Array.from(data, (v) => (v === 1 ? 1 : 0)) },
      applicators: [{ id: 'Applicator 1', zone }],
    });
    expect(plans.map((p) => [p.kind, p.slice])).toEqual([
      ['lesion', 6],
      ['liver', 2],
      ['territory', 2],
      ['applicator', 4],
    ]);
    // Label 9 is absent: no image. Areas in mm2 (2 x 2 mm pixels).
    expect(plans[0]).toMatchObject({ lesionLabel: 2, areaMm2: sliceAreas(dims, (n) => data[n] === 2)[6]! * 4 });
  });

  it("shows the confirmed lesion's achieved zone on the lesion's largest slice, not where the zone is widest", () => {
    const data = labels();
    const plans = keyImageSlices({
      grid: { dims, spacing: [2, 2, 3] },
      labels: data,
      lesionLabels: [],
      liverLabels: [],
      confirmation: { lesionLabel: 2 },
    });
    expect(plans).toEqual([
      { kind: 'confirmation', lesionLabel: 2, slice: 6, areaMm2: sliceAreas(dims, (n) => data[n] === 2)[6]! * 4 },
    ]);
    // A confirmed lesion that is not in the labelmap (deleted since) gives no image.
    expect(
      keyImageSlices({
        grid: { dims, spacing: [2, 2, 3] },
        labels: data,
        lesionLabels: [],
        liverLabels: [],
        confirmation: { lesionLabel: 9 },
      }),
    ).toEqual([]);
  });

  it('gives no image for a case without segments', () => {
    const empty = new Uint8Array(10 * 10 * 9);
    expect(
      keyImageSlices({ grid: { dims, spacing: [1, 1, 1] }, labels: empty, lesionLabels: [2], liverLabels: [1] }),
    ).toEqual([]);
  });
});
