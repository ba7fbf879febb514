import { describe, expect, it } from 'vitest';
import { rasteriseAblationZones, zoneCentre, type Applicator } from './ablationZone';
import { mergeDeviceEntries, SHIPPED_DEVICE_TABLES } from './devices';
import { patientToIndex, voxelVolumeMm3 } from './grid';
import { segmentStatistics } from './stats';
import { obliqueGrid } from './testing/testGrids';

const grid = obliqueGrid([70, 70, 60], [0.8, 0.8, 1], [-25, -30, -20]);
const entry = SHIPPED_DEVICE_TABLES[0]!.entries[0]!;

function applicator(tip: [number, number, number], dir: [number, number, number]): Applicator {
  const n = Math.hypot(...dir);
  return {
    entry: [tip[0] - (dir[0] / n) * 80, tip[1] - (dir[1] / n) * 80, tip[2] - (dir[2] / n) * 80],
    tip,
    longAxisMm: entry.longAxisMm,
    shortAxisMm: entry.shortAxisMm,
    tipOffsetMm: entry.tipOffsetMm,
  };
}

describe('rasteriseAblationZones', () => {
  it('places an oblique ellipsoid of the right volume and centre on an oblique grid', () => {
    const a = applicator([5, 3, 8], [1, 2, -1]);
    const mask = rasteriseAblationZones([a], grid);
    const [s] = segmentStatistics({ grid, data: mask });
    const exact = (4 / 3) * Math.PI * (entry.longAxisMm / 2) * (entry.shortAxisMm / 2) ** 2;
    expect(Math.abs(s!.voxelCount * voxelVolumeMm3(grid) - exact) / exact).toBeLessThan(0.02);
    const { centre } = zoneCentre(a);
    for (let c = 0; c < 3; c++) expect(Math.abs(s!.centroidLps[c]! - centre[c]!)).toBeLessThan(0.2);
    // the zone reaches tipOffset beyond the tip along the axis, not further
    const n = Math.hypot(1, 2, -1);
    const probe = (t: number) => {
      const p = patientToIndex(grid, [5 + t / n, 3 + (2 * t) / n, 8 - t / n]).map(Math.round);
      return mask[p[0]! + 70 * (p[1]! + 70 * p[2]!)];
    };
    expect(probe(entry.tipOffsetMm - 1)).toBe(1);
    expect(probe(entry.tipOffsetMm + 1.5)).toBe(0);
    expect(s!.maxDiameter3dMm).toBeGreaterThan(entry.longAxisMm - 2);
  });

  it('unions several applicators', () => {
    const a = applicator([-6, 0, 0], [0, 0, 1]);
    const b = applicator([6, 0, 0], [0, 0, 1]);
    const one = rasteriseAblationZones([a], grid).reduce((s, v) => s + v, 0);
    const both = rasteriseAblationZones([a, b], grid).reduce((s, v) => s + v, 0);
    expect(both).toBeGreaterThan(one);
    expect(both).toBeLessThan(2 * one);
  });
});

describe('device tables', () => {
  it('ships validated MWA and RFA estimates with sources', () => {
    const mods = SHIPPED_DEVICE_TABLES.map((t) => t.modality);
    expect(mods).toContain('MWA');
    expect(mods).toContain('RFA');
    for (const t of SHIPPED_DEVICE_TABLES) {
      expect(t.estimate).toBe(true);
      for (const e of t.entries) expect(e.source.length).toBeGreaterThan(10);
    }
  });

  it('adds user entries without overwriting shipped ones', () => {
    const shippedId = SHIPPED_DEVICE_TABLES[0]!.entries[0]!.id;
    const mine = { ...entry, modality: 'MWA' as const, verified: true };
    const { entries, rejected } = mergeDeviceEntries([
      { ...mine, id: shippedId, longAxisMm: 99 },
      { ...mine, id: 'my-probe-80w-6min' },
      { ...mine, id: 'bad', shortAxisMm: -1 },
    ]);
    expect(entries.find((e) => e.id === shippedId)!.longAxisMm).toBe(entry.longAxisMm);
    expect(entries.find((e) => e.id === 'my-probe-80w-6min')!.origin).toBe('user');
    expect(rejected.map((r) => r.id)).toEqual([shippedId, 'bad']);
  });
});
