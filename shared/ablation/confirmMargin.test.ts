import { describe, expect, it } from 'vitest';
import { rasteriseAblationZones } from '../volume/ablationZone';
import { applyTransform } from '../volume/registration';
import { axialGrid, obliqueGrid, rasterise } from '../volume/testGrids';
import { indexToPatient, type Vec3 } from '../volume/grid';
import { confirmMargin } from './confirmMargin';
import { moveGrid } from './moveGrid';

describe('confirmMargin', () => {
  it('brings a post zone on a moved oblique grid back into the pre frame and reads the margin', () => {
    const pre = axialGrid([40, 40, 20], [1, 1, 2], [-20, -20, -19]);
    const tumour = rasterise(pre, (p) => Math.hypot(...p) <= 5);
    // Post series: the patient moved by a rotation about S of 10 degrees and a shift.
    const c = Math.cos(Math.PI / 18);
    const s = Math.sin(Math.PI / 18);
    const preToPost = [c, -s, 0, 7, s, c, 0, -4, 0, 0, 1, 3, 0, 0, 0, 1];
    // The achieved zone: a 20 mm sphere around the tumour centre, as seen in post space.
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
    const prePoints: Vec3[] = [
      [0, 0, 0],
      [15, 0, 0],
      [0, 12, 4],
      [-5, -9, 10],
    ];
    const postPoints = prePoints.map((p) => applyTransform(preToPost, p));
    const r = confirmMargin({
      tumour: { grid: pre, data: tumour },
      postZone: { grid: post, data: zone },
      prePoints,
      postPoints,
    });
    expect(r.registration.rmsMm).toBeLessThan(1e-6);
    expect(r.margin.coveragePercent).toBe(100);
    expect(Math.abs(r.margin.mamMm - 5)).toBeLessThan(1.5);
  });

  it('moveGrid keeps spacing and moves the origin with the transform', () => {
    const g = axialGrid([2, 2, 2], [1, 2, 3], [1, 2, 3]);
    const m = [0, -1, 0, 10, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
    const moved = moveGrid(g, m);
    expect(moved.origin).toEqual([8, 1, 3]);
    expect(moved.direction).toEqual([0, 1, 0, -1, 0, 0, 0, 0, 1]);
    expect(moved.spacing).toEqual([1, 2, 3]);
  });

  it('refuses fewer than three landmark pairs', () => {
    const g = axialGrid([4, 4, 4], [1, 1, 1]);
    const m = new Uint8Array(64).fill(1);
    expect(() =>
      confirmMargin({
        tumour: { grid: g, data: m },
        postZone: { grid: g, data: m },
        prePoints: [[0, 0, 0]],
        postPoints: [[0, 0, 0]],
      }),
    ).toThrow(/3 landmark/);
  });
});
