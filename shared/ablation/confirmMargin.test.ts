import { describe, expect, it } from 'vitest';
import { rasteriseAblationZones } from '../volume/ablationZone';
import { applyTransform, registerLandmarks } from '../volume/registration';
import { axialGrid, obliqueGrid, rasterise } from '../volume/testing/testGrids';
import { indexToPatient, type Vec3 } from '../volume/grid';
import { ZONE_LABEL } from './analyseAblation';
import { confirmMargin } from './confirmMargin';
import { moveGrid } from './moveGrid';

const SEGMENTS = [
  { label: 1, name: 'Liver', kind: 'liver' },
  { label: 2, name: 'Lesion 1', kind: 'lesion' },
];

/** Inverse of a rigid row-major 4x4. */
function invertRigid(m: number[]): number[] {
  const r = [m[0]!, m[4]!, m[8]!, m[1]!, m[5]!, m[9]!, m[2]!, m[6]!, m[10]!];
  const t = [0, 1, 2].map((a) => -(r[a * 3]! * m[3]! + r[a * 3 + 1]! * m[7]! + r[a * 3 + 2]! * m[11]!));
  return [r[0]!, r[1]!, r[2]!, t[0]!, r[3]!, r[4]!, r[5]!, t[1]!, r[6]!, r[7]!, r[8]!, t[2]!, 0, 0, 0, 1];
}

describe('confirmMargin', () => {
  // Pre: a 10 mm tumour at the origin inside a large liver. Post: the patient rotated by 10
  // degrees about S and shifted; the achieved zone is a 20 mm sphere around the tumour centre,
  // on an oblique grid in post space.
  const pre = axialGrid([40, 40, 20], [1, 1, 2], [-20, -20, -19]);
  const labels = rasterise(pre, (p) => Math.hypot(...p) <= 5).map((t) => (t ? 2 : 1));
  const c = Math.cos(Math.PI / 18);
  const s = Math.sin(Math.PI / 18);
  const preToPost = [c, -s, 0, 7, s, c, 0, -4, 0, 0, 1, 3, 0, 0, 0, 1];
  const centre = applyTransform(preToPost, [0, 0, 0]);
  const mid = indexToPatient(obliqueGrid([40, 40, 26], [1, 1, 1.5]), 20, 20, 13);
  const post = obliqueGrid([40, 40, 26], [1, 1, 1.5], [centre[0] - mid[0], centre[1] - mid[1], centre[2] - mid[2]]);
  const zone = rasteriseAblationZones(
    [
      {
        entry: [centre[0], centre[1], centre[2] + 50],
        tip: [centre[0], centre[1], centre[2] - 10],
        longAxisMm: 20,
        shortAxisMm: 20,
        tipOffsetMm: 0,
      },
    ],
    post,
  );

  it('brings the post zone into the pre frame through landmark registration and reads the margin', () => {
    const prePoints: Vec3[] = [
      [0, 0, 0],
      [15, 0, 0],
      [0, 12, 4],
      [-5, -9, 10],
    ];
    const postPoints = prePoints.map((p) => applyTransform(preToPost, p));
    const registration = registerLandmarks(prePoints, postPoints);
    expect(registration.rmsMm).toBeLessThan(1e-6);
    const r = confirmMargin({
      labelmap: { grid: pre, data: labels },
      segments: SEGMENTS,
      tumourLabel: 2,
      postZone: { grid: post, data: zone },
      postToPre: registration.matrix,
    });
    expect(r.margin.coveragePercent).toBe(100);
    expect(Math.abs(r.margin.mamMm - 5)).toBeLessThan(1.5);
    expect(r.margin.residualTumour).toBe(false);
    // Zone volume is the same sphere before and after the move (4/3 pi 10^3 = 4.19 mL).
    expect(r.zoneVolumeMl).toBeGreaterThan(3.9);
    expect(r.zoneVolumeMl).toBeLessThan(4.5);
    expect(Math.abs(r.zoneInPreVolumeMl - r.zoneVolumeMl)).toBeLessThan(0.25);
    const counts = new Map<number, number>();
    for (const v of r.overlay) counts.set(v, (counts.get(v) ?? 0) + 1);
    expect(counts.get(ZONE_LABEL)).toBeGreaterThan(1000);
    expect((counts.get(2) ?? 0) + (counts.get(3) ?? 0)).toBeGreaterThan(50);
  });

  it('reads a residual tumour when the registration is left out (zone lands beside the tumour)', () => {
    const r = confirmMargin({
      labelmap: { grid: pre, data: labels },
      segments: SEGMENTS,
      tumourLabel: 2,
      postZone: { grid: post, data: zone },
      postToPre: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1],
    });
    expect(r.margin.mamMm).toBeLessThan(0);
    expect(r.margin.residualTumour).toBe(true);
    expect(r.margin.coveragePercent).toBeLessThan(100);
    // With the inverse transform the same zone is correct again.
    const fixed = confirmMargin({
      labelmap: { grid: pre, data: labels },
      segments: SEGMENTS,
      tumourLabel: 2,
      postZone: { grid: post, data: zone },
      postToPre: invertRigid(preToPost),
    });
    expect(fixed.margin.coveragePercent).toBe(100);
  });

  it('says what is missing: an empty lesion, an empty zone, a zone off the pre grid', () => {
    const base = {
      labelmap: { grid: pre, data: labels },
      segments: SEGMENTS,
      postZone: { grid: post, data: zone },
      postToPre: invertRigid(preToPost),
    };
    expect(() => confirmMargin({ ...base, tumourLabel: 9 })).toThrow(/lesion segment is empty/);
    expect(() =>
      confirmMargin({ ...base, tumourLabel: 2, postZone: { grid: post, data: new Uint8Array(zone.length) } }),
    ).toThrow(/no ablation zone/);
    const far = [1, 0, 0, 500, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
    expect(() => confirmMargin({ ...base, tumourLabel: 2, postToPre: far })).toThrow(/does not overlap/);
  });

  it('moveGrid keeps spacing and moves the origin with the transform', () => {
    const g = axialGrid([2, 2, 2], [1, 2, 3], [1, 2, 3]);
    const m = [0, -1, 0, 10, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
    const moved = moveGrid(g, m);
    expect(moved.origin).toEqual([8, 1, 3]);
    expect(moved.direction).toEqual([0, 1, 0, -1, 0, 0, 0, 0, 1]);
    expect(moved.spacing).toEqual([1, 2, 3]);
  });
});
