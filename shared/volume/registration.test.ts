import { describe, expect, it } from 'vitest';
import type { Vec3 } from './grid';
import { applyTransform, registerLandmarks } from './registration';

function rotation(axis: Vec3, angle: number): number[] {
  const n = Math.hypot(...axis);
  const [x, y, z] = axis.map((v) => v / n) as Vec3;
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const t = 1 - c;
  return [
    t * x * x + c,
    t * x * y - s * z,
    t * x * z + s * y,
    12.5,
    t * x * y + s * z,
    t * y * y + c,
    t * y * z - s * x,
    -40,
    t * x * z - s * y,
    t * y * z + s * x,
    t * z * z + c,
    7.25,
    0,
    0,
    0,
    1,
  ];
}

const moving: Vec3[] = [
  [10, 20, 30],
  [-35, 12, 80],
  [22, -50, 41],
  [5, 5, -60],
  [-12, 33, 14],
];

describe('registerLandmarks', () => {
  it('recovers a known rigid transform exactly', () => {
    const truth = rotation([0.3, -1, 0.6], 2.4);
    const fixed = moving.map((p) => applyTransform(truth, p));
    const r = registerLandmarks(fixed, moving);
    for (let n = 0; n < 16; n++) expect(r.matrix[n]).toBeCloseTo(truth[n]!, 9);
    expect(r.rmsMm).toBeLessThan(1e-9);
  });

  it('reports per-point and RMS residuals for noisy landmarks', () => {
    const truth = rotation([1, 1, 0], 0.3);
    const noise: Vec3[] = [
      [0.5, 0, 0],
      [-0.5, 0, 0],
      [0, 0.5, 0],
      [0, -0.5, 0],
      [0, 0, 0],
    ];
    const fixed = moving.map((p, i) => {
      const q = applyTransform(truth, p);
      return [q[0] + noise[i]![0], q[1] + noise[i]![1], q[2] + noise[i]![2]] as Vec3;
    });
    const r = registerLandmarks(fixed, moving);
    expect(r.residualsMm).toHaveLength(5);
    expect(r.rmsMm).toBeGreaterThan(0.1);
    expect(r.rmsMm).toBeLessThan(0.5);
    const rms = Math.sqrt(r.residualsMm.reduce((a, e) => a + e * e, 0) / 5);
    expect(r.rmsMm).toBeCloseTo(rms, 12);
  });

  it('refuses collinear and too few points', () => {
    const line: Vec3[] = [
      [0, 0, 0],
      [1, 2, 3],
      [2, 4, 6],
      [-3, -6, -9],
    ];
    expect(() => registerLandmarks(line, line)).toThrow('fixed landmarks are collinear');
    expect(() => registerLandmarks(moving.slice(0, 2), moving.slice(0, 2))).toThrow('at least 3');
  });
});
