/**
 * Orientation letters for the edges of a 2D view, from real direction vectors
 * in patient LPS space (+x = L, +y = P, +z = S). Oblique directions get up to
 * three letters, dominant first (e.g. 'LA' or 'SLP'), the way DICOM viewers
 * print them; so feet-first, prone and gantry-tilted data label correctly.
 */
export type Vec3 = readonly [number, number, number];

const POS = ['L', 'P', 'S'] as const;
const NEG = ['R', 'A', 'I'] as const;

/**
 * Letters for a direction. Components smaller than `obliqueFraction` of the
 * vector's length are dropped so a near-axial view reads 'L', not 'LPS'.
 */
export function directionLabel(v: Vec3, obliqueFraction = 0.25): string {
  const len = Math.hypot(v[0], v[1], v[2]);
  if (!(len > 0)) return '';
  return [0, 1, 2]
    .map((a) => ({ a, c: v[a]! / len }))
    .filter((x) => Math.abs(x.c) >= obliqueFraction)
    .sort((x, y) => Math.abs(y.c) - Math.abs(x.c))
    .map((x) => (x.c > 0 ? POS[x.a as 0 | 1 | 2] : NEG[x.a as 0 | 1 | 2]))
    .join('');
}

export interface EdgeLabels {
  top: string;
  bottom: string;
  left: string;
  right: string;
}

const neg = (v: Vec3): Vec3 => [-v[0], -v[1], -v[2]];

/**
 * Edge letters from the screen's right and down directions in patient space
 * (for an image: the DICOM row and column cosines of ImageOrientationPatient).
 */
export function edgeLabels(right: Vec3, down: Vec3): EdgeLabels {
  return {
    right: directionLabel(right),
    left: directionLabel(neg(right)),
    bottom: directionLabel(down),
    top: directionLabel(neg(down)),
  };
}

/** Edge letters for an image from its ImageOrientationPatient (6 numbers). */
export function edgeLabelsFromIop(iop: readonly number[]): EdgeLabels {
  if (iop.length !== 6) throw new Error(`ImageOrientationPatient needs 6 numbers, got ${iop.length}`);
  return edgeLabels([iop[0]!, iop[1]!, iop[2]!], [iop[3]!, iop[4]!, iop[5]!]);
}

/**
 * Edge letters for a camera (vtk / Cornerstone convention): viewUp points to
 * the top of the screen, viewPlaneNormal points from the scene to the viewer,
 * so screen right = viewUp x viewPlaneNormal.
 */
export function edgeLabelsFromCamera(viewUp: Vec3, viewPlaneNormal: Vec3): EdgeLabels {
  const [ux, uy, uz] = viewUp;
  const [nx, ny, nz] = viewPlaneNormal;
  const right: Vec3 = [uy * nz - uz * ny, uz * nx - ux * nz, ux * ny - uy * nx];
  return edgeLabels(right, neg(viewUp));
}
