import { describe, expect, it } from 'vitest';
import { checkLiverPlausibility } from '../../shared/segment/liverPlausibility';
import { growMm } from '../../shared/segment/morphology';
import { loadCrop3mm, loadSiemensSlab, realCtAvailable, type RealCase } from '../testing/realCt';

/**
 * Plausibility checks on real CT (../shared/data/real-ct): TotalSegmentator's liver passes,
 * livers grown into lung or into bone and gas are flagged; gas is not mistaken for lung.
 */
const lungLobes = (c: RealCase) => Uint8Array.from(c.labels, (v, n) => (c.liver[n] || (v >= 10 && v <= 14) ? 1 : 0));
/** The liver grown by mm into every voxel of the given HU range around it. */
function grownInto(c: RealCase, mm: number, lo: number, hi: number, fromSlice = 0): Uint8Array {
  const g = growMm(c.liver, c.image.grid, mm);
  const plane = c.image.grid.dims[0] * c.image.grid.dims[1];
  const d = c.image.data;
  return Uint8Array.from(g, (v, n) =>
    c.liver[n] || (v && d[n]! >= lo && d[n]! <= hi && Math.floor(n / plane) >= fromSlice) ? 1 : 0,
  );
}

describe.skipIf(!realCtAvailable())('liver plausibility on real CT', () => {
  it('Siemens slab: the reference liver passes; a liver grown into ribs and gas is flagged as bone or air', async () => {
    const c = await loadSiemensSlab();
    expect(checkLiverPlausibility(c.image, c.liver)).toEqual([]);
    const leak = grownInto(c, 15, -1100, 2000);
    const f = checkLiverPlausibility(c.image, leak);
    const dense = f.find((x) => x.code === 'bone-or-air');
    expect(dense?.message).toMatch(/spans -\d+\.\.\d+ HU/);
    expect(dense!.slices!.length).toBeGreaterThan(10);
    // Stomach and colon gas beside it are not lung: no chest finding on an abdominal slab.
    expect(f.map((x) => x.code)).not.toContain('thorax');
  });

  it('3 mm crop: the reference liver passes; grown into the lung, even a few millimetres, it is flagged', () => {
    const c = loadCrop3mm();
    expect(checkLiverPlausibility(c.image, c.liver)).toEqual([]);

    const lung = checkLiverPlausibility(c.image, lungLobes(c));
    expect(lung.map((x) => x.code).sort()).toEqual(['bone-or-air', 'thorax']);
    expect(lung.find((x) => x.code === 'thorax')!.message).toMatch(
      /reaches into the chest above the diaphragm \(next to lung\) on \d+ slices/,
    );

    // A thin leak: only the lung within 9 mm of the liver (the lung base over the dome).
    const near = growMm(c.liver, c.image.grid, 9);
    const lobes = lungLobes(c);
    const thin = Uint8Array.from(lobes, (v, n) => (c.liver[n] || (v && near[n]) ? 1 : 0));
    const f = checkLiverPlausibility(c.image, thin);
    expect(f.map((x) => x.code)).toContain('thorax');
    expect(Math.min(...f.find((x) => x.code === 'thorax')!.slices!)).toBeGreaterThanOrEqual(15);
  });

  it('3 mm crop: tissue grown under the lung base (diaphragm) is not called chest: lung caps it from above', () => {
    const c = loadCrop3mm();
    const soft = grownInto(c, 10, -100, 250, 20);
    expect(checkLiverPlausibility(c.image, soft).map((x) => x.code)).not.toContain('thorax');
  });

  it('3 mm crop: a second seed whose result differs by more than 10% is flagged as a jump', () => {
    const c = loadCrop3mm();
    const n = c.liver.reduce((a, v) => a + v, 0);
    const leak = grownInto(c, 6, -100, 250);
    const f = checkLiverPlausibility(c.image, leak, { previousVoxelCount: n });
    expect(f.some((x) => x.code === 'volume-jump')).toBe(true);
  });
});
