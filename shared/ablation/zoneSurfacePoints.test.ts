import { describe, expect, it } from 'vitest';
import { zoneCentre } from '../volume/ablationZone';
import { zoneSurfacePoints } from './zoneSurfacePoints';

describe('zoneSurfacePoints', () => {
  it('puts every point on the ellipsoid and spans both axes, for an oblique applicator', () => {
    const a = {
      entry: [10, -40, 30] as [number, number, number],
      tip: [0, 5, -7] as [number, number, number],
      longAxisMm: 48,
      shortAxisMm: 42,
      tipOffsetMm: 5,
    };
    const pts = zoneSurfacePoints(a, 8, 16);
    const { centre, axis } = zoneCentre(a);
    let maxAlong = 0;
    let maxAcross = 0;
    for (const p of pts) {
      const d = [p[0] - centre[0], p[1] - centre[1], p[2] - centre[2]];
      const along = d[0]! * axis[0] + d[1]! * axis[1] + d[2]! * axis[2];
      const across = Math.sqrt(Math.max(0, d[0]! ** 2 + d[1]! ** 2 + d[2]! ** 2 - along * along));
      expect((along / 24) ** 2 + (across / 21) ** 2).toBeCloseTo(1, 9);
      maxAlong = Math.max(maxAlong, Math.abs(along));
      maxAcross = Math.max(maxAcross, across);
    }
    expect(maxAlong).toBeCloseTo(24, 9);
    expect(maxAcross).toBeCloseTo(21, 9);
    expect(pts).toHaveLength(2 + 7 * 16);
  });
});
