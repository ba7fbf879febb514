import { describe, expect, it } from 'vitest';
import { describeTrajectory } from './trajectory';

describe('describeTrajectory', () => {
  it('reads depth and zero tilt for an in-plane lateral path', () => {
    const r = describeTrajectory([-150, 0, -50], [-90, 0, -50]);
    expect(r.depthMm).toBeCloseTo(60, 9);
    expect(r.craniocaudalDeg).toBeCloseTo(0, 9);
    // running towards patient left, perpendicular to AP
    expect(r.axialFromApDeg).toBeCloseTo(90, 9);
    expect(r.toAxesDeg[0]).toBeCloseTo(0, 9);
  });

  it('reads a caudal tilt as positive and the in-plane angle from AP', () => {
    // anterior entry (P negative), tip 30 mm caudal and 30 mm deeper, 30 mm to the right
    const r = describeTrajectory([0, -100, 0], [-30, -70, -Math.hypot(30, 30)]);
    expect(r.depthMm).toBeCloseTo(Math.hypot(30, 30) * Math.SQRT2, 9);
    expect(r.craniocaudalDeg).toBeCloseTo(45, 9);
    expect(r.axialFromApDeg).toBeCloseTo(-45, 9);
  });

  it('refuses coincident points and reports NaN in-plane angle for a vertical path', () => {
    expect(() => describeTrajectory([1, 2, 3], [1, 2, 3])).toThrow(/same point/);
    const r = describeTrajectory([0, 0, 10], [0, 0, 0]);
    expect(r.craniocaudalDeg).toBeCloseTo(90, 9);
    expect(Number.isNaN(r.axialFromApDeg)).toBe(true);
  });
});
