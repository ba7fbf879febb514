import { describe, expect, it } from 'vitest';
import { axialGrid, rasterise } from '../volume/testing/testGrids';
import { ZONE_LABEL, analyseAblation } from './analyseAblation';

// 1 x 1 x 2 mm grid, 60 x 60 x 30 mm: a 10 mm tumour, liver around it, a 6 mm vessel 4 mm away.
const grid = axialGrid([60, 60, 15], [1, 1, 2], [-30, -30, -14]);
const segments = [
  { label: 1, name: 'Liver', kind: 'liver' },
  { label: 2, name: 'Lesion 1', kind: 'lesion' },
  { label: 3, name: 'Portal vein', kind: 'vessel' },
  { label: 4, name: 'Gallbladder', kind: 'critical' },
];
const data = rasterise(grid, () => true);
const tumour = rasterise(grid, (p) => Math.hypot(...p) <= 5);
const vessel = rasterise(grid, (p) => Math.hypot(p[0] - 12, p[1]) <= 3);
const gb = rasterise(grid, (p) => Math.hypot(p[0] + 22, p[1], p[2]) <= 4);
for (let n = 0; n < data.length; n++) {
  if (tumour[n]) data[n] = 2;
  else if (vessel[n]) data[n] = 3;
  else if (gb[n]) data[n] = 4;
}

describe('analyseAblation', () => {
  it('covers a centred tumour with ~margin of the short semi-axis minus tumour radius and warns on vessel and structure', () => {
    // a 20 mm-long, 20 mm-wide zone centred on the tumour: along S the applicator, margin ~5 mm
    const a = {
      entry: [0, 0, 60] as [number, number, number],
      tip: [0, 0, -10] as [number, number, number],
      longAxisMm: 20,
      shortAxisMm: 20,
      tipOffsetMm: 0,
    };
    const r = analyseAblation({ grid, data }, segments, [a]);
    expect(r.tumours).toHaveLength(1);
    const m = r.tumours[0]!.margin!;
    expect(m.coveragePercent).toBe(100);
    expect(m.residualTumour).toBe(false);
    expect(Math.abs(m.mamMm - 5)).toBeLessThan(1.2);
    expect(r.zoneVolumeMl).toBeGreaterThan(3.5);
    expect(r.tumours[0]!.heatSink.find((v) => v.label === 3)!.warning).toBe(true);
    expect(r.criticalFrom).toBe('zone');
    const g = r.critical.find((c) => c.label === 4)!;
    expect(g.warning).toBe(true);
    // overlay: bands on the tumour surface (0..5 mm = orange label 2 mostly), zone elsewhere
    const counts = new Map<number, number>();
    for (const v of r.overlay) counts.set(v, (counts.get(v) ?? 0) + 1);
    expect(counts.get(ZONE_LABEL)).toBeGreaterThan(1000);
    expect((counts.get(2) ?? 0) + (counts.get(3) ?? 0)).toBeGreaterThan(50);
    expect(counts.get(1) ?? 0).toBe(0);
  });

  it('flags residual tumour for an off-centre zone and works with no zone at all', () => {
    const a = {
      entry: [40, 0, 0] as [number, number, number],
      tip: [2, 0, 0] as [number, number, number],
      longAxisMm: 20,
      shortAxisMm: 16,
      tipOffsetMm: 0,
    };
    const r = analyseAblation({ grid, data }, segments, [a]);
    const m = r.tumours[0]!.margin!;
    expect(m.residualTumour).toBe(true);
    expect(m.coveragePercent).toBeLessThan(100);
    expect(r.overlay.includes(1)).toBe(true);
    const none = analyseAblation({ grid, data }, segments, []);
    expect(none.tumours[0]!.margin).toBeNull();
    expect(none.criticalFrom).toBe('tumours');
    expect(none.zoneVolumeMl).toBe(0);
  });
});
