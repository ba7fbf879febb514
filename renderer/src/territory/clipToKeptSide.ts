import { keptPlane, planeDistanceMm, type SplitPlane } from '../../../shared/case/liverSplit';
import type { Vec3 } from '../../../shared/volume/grid';

/**
 * The part of a slice view on the kept side of every cut, as a canvas polygon: the view's corners
 * clipped plane by plane (Sutherland-Hodgman). On a slice the canvas-to-patient map is affine, so
 * the signed distance is linear along each edge and the crossing is found by interpolation.
 */
export function clipToKeptSide(
  width: number,
  height: number,
  toWorld: (xy: [number, number]) => Vec3,
  cuts: readonly SplitPlane[],
): [number, number][] {
  let poly: [number, number][] = [
    [0, 0],
    [width, 0],
    [width, height],
    [0, height],
  ];
  for (const cut of cuts) {
    const plane = keptPlane(cut);
    const d = poly.map((xy) => planeDistanceMm(plane, toWorld(xy)));
    const out: [number, number][] = [];
    poly.forEach((a, n) => {
      const m = (n + 1) % poly.length;
      const b = poly[m]!;
      const [da, db] = [d[n]!, d[m]!];
      if (da >= 0) out.push(a);
      if (da >= 0 !== db >= 0) {
        const t = da / (da - db);
        out.push([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]);
      }
    });
    poly = out;
    if (!poly.length) break;
  }
  return poly;
}
