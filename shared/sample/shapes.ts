import type { Vec3 } from '../volume/grid';

/**
 * Implicit shapes in patient space (LPS mm). Each gives an approximate signed
 * distance (negative inside) so any grid, at any spacing or orientation, can
 * be rasterised from the same anatomy, and smooth unions stay smooth.
 */
export type Shape =
  | {
      kind: 'ellipsoid';
      centre: Vec3;
      radii: Vec3;
      /** Rotation about the patient z axis, degrees. */
      yawDeg?: number;
      /** Low-frequency surface waviness (mm) that makes organs look lobulated. */
      lobulation?: { amplitudeMm: number; wavelengthMm: number; phase: number };
    }
  | { kind: 'capsule'; a: Vec3; b: Vec3; radiusA: number; radiusB: number }
  | { kind: 'ellipticCylinder'; centre: [number, number]; radii: [number, number]; zRange: [number, number] }
  | { kind: 'smoothUnion'; parts: Shape[]; blendMm: number }
  /** Inside every part: how an organ is kept within a container (the liver within the abdominal wall). */
  | { kind: 'intersection'; parts: Shape[] }
  | { kind: 'scaled'; shape: Shape; about: Vec3; factor: number };

export function signedDistance(shape: Shape, p: Vec3): number {
  switch (shape.kind) {
    case 'ellipsoid':
      return ellipsoidDistance(shape, p);
    case 'capsule':
      return capsuleDistance(shape.a, shape.b, shape.radiusA, shape.radiusB, p);
    case 'ellipticCylinder': {
      const dx = (p[0] - shape.centre[0]) / shape.radii[0];
      const dy = (p[1] - shape.centre[1]) / shape.radii[1];
      const radial = (Math.sqrt(dx * dx + dy * dy) - 1) * Math.min(shape.radii[0], shape.radii[1]);
      const axial = Math.max(shape.zRange[0] - p[2], p[2] - shape.zRange[1]);
      return Math.max(radial, axial);
    }
    case 'smoothUnion': {
      let d = Infinity;
      for (const part of shape.parts) d = smoothMin(d, signedDistance(part, p), shape.blendMm);
      return d;
    }
    case 'intersection': {
      let d = -Infinity;
      for (const part of shape.parts) d = Math.max(d, signedDistance(part, p));
      return d;
    }
    case 'scaled': {
      const f = shape.factor;
      const q: Vec3 = [
        shape.about[0] + (p[0] - shape.about[0]) / f,
        shape.about[1] + (p[1] - shape.about[1]) / f,
        shape.about[2] + (p[2] - shape.about[2]) / f,
      ];
      return signedDistance(shape.shape, q) * f;
    }
  }
}

/** Patient-space axis-aligned box that contains the shape. */
export function shapeBounds(shape: Shape): [Vec3, Vec3] {
  switch (shape.kind) {
    case 'ellipsoid': {
      const lob = (shape.lobulation?.amplitudeMm ?? 0) * 2;
      // A yawed ellipsoid stays inside the circle of its larger in-plane radius.
      const rxy = Math.max(shape.radii[0], shape.radii[1]);
      const rx = (shape.yawDeg ? rxy : shape.radii[0]) + lob;
      const ry = (shape.yawDeg ? rxy : shape.radii[1]) + lob;
      const rz = shape.radii[2] + lob;
      const c = shape.centre;
      return [
        [c[0] - rx, c[1] - ry, c[2] - rz],
        [c[0] + rx, c[1] + ry, c[2] + rz],
      ];
    }
    case 'capsule': {
      const r = Math.max(shape.radiusA, shape.radiusB);
      const lo: Vec3 = [0, 0, 0];
      const hi: Vec3 = [0, 0, 0];
      for (let n = 0; n < 3; n++) {
        lo[n] = Math.min(shape.a[n]!, shape.b[n]!) - r;
        hi[n] = Math.max(shape.a[n]!, shape.b[n]!) + r;
      }
      return [lo, hi];
    }
    case 'ellipticCylinder':
      return [
        [shape.centre[0] - shape.radii[0], shape.centre[1] - shape.radii[1], shape.zRange[0]],
        [shape.centre[0] + shape.radii[0], shape.centre[1] + shape.radii[1], shape.zRange[1]],
      ];
    case 'smoothUnion': {
      const lo: Vec3 = [Infinity, Infinity, Infinity];
      const hi: Vec3 = [-Infinity, -Infinity, -Infinity];
      for (const part of shape.parts) {
        const [a, b] = shapeBounds(part);
        for (let n = 0; n < 3; n++) {
          lo[n] = Math.min(lo[n]!, a[n]! - shape.blendMm);
          hi[n] = Math.max(hi[n]!, b[n]! + shape.blendMm);
        }
      }
      return [lo, hi];
    }
    case 'intersection': {
      const lo: Vec3 = [-Infinity, -Infinity, -Infinity];
      const hi: Vec3 = [Infinity, Infinity, Infinity];
      for (const part of shape.parts) {
        const [a, b] = shapeBounds(part);
        for (let n = 0; n < 3; n++) {
          lo[n] = Math.max(lo[n]!, a[n]!);
          hi[n] = Math.min(hi[n]!, b[n]!);
        }
      }
      return [lo, hi];
    }
    case 'scaled': {
      const [a, b] = shapeBounds(shape.shape);
      const s = (v: Vec3): Vec3 => [
        shape.about[0] + (v[0] - shape.about[0]) * shape.factor,
        shape.about[1] + (v[1] - shape.about[1]) * shape.factor,
        shape.about[2] + (v[2] - shape.about[2]) * shape.factor,
      ];
      return [s(a), s(b)];
    }
  }
}

function ellipsoidDistance(shape: Extract<Shape, { kind: 'ellipsoid' }>, p: Vec3): number {
  let x = p[0] - shape.centre[0];
  let y = p[1] - shape.centre[1];
  const z = p[2] - shape.centre[2];
  if (shape.yawDeg) {
    const a = (-shape.yawDeg * Math.PI) / 180;
    const c = Math.cos(a);
    const s = Math.sin(a);
    const rx = c * x - s * y;
    y = s * x + c * y;
    x = rx;
  }
  const [ra, rb, rc] = shape.radii;
  // Quilez's first-order ellipsoid distance: exact on the surface, monotone off it.
  const k0 = Math.sqrt((x / ra) ** 2 + (y / rb) ** 2 + (z / rc) ** 2);
  const k1 = Math.sqrt((x / (ra * ra)) ** 2 + (y / (rb * rb)) ** 2 + (z / (rc * rc)) ** 2);
  let d = k1 > 0 ? (k0 * (k0 - 1)) / k1 : -Math.min(ra, rb, rc);
  const lob = shape.lobulation;
  if (lob) {
    const w = (2 * Math.PI) / lob.wavelengthMm;
    d +=
      lob.amplitudeMm *
      Math.sin(w * p[0] + lob.phase) *
      Math.sin(w * 0.8 * p[1] + 2 * lob.phase) *
      Math.cos(w * 0.6 * p[2] - lob.phase);
  }
  return d;
}

function capsuleDistance(a: Vec3, b: Vec3, ra: number, rb: number, p: Vec3): number {
  const bx = b[0] - a[0];
  const by = b[1] - a[1];
  const bz = b[2] - a[2];
  const px = p[0] - a[0];
  const py = p[1] - a[1];
  const pz = p[2] - a[2];
  const len2 = bx * bx + by * by + bz * bz;
  const t = len2 > 0 ? Math.min(1, Math.max(0, (px * bx + py * by + pz * bz) / len2)) : 0;
  const dx = px - t * bx;
  const dy = py - t * by;
  const dz = pz - t * bz;
  return Math.sqrt(dx * dx + dy * dy + dz * dz) - (ra + (rb - ra) * t);
}

/** Polynomial smooth minimum: blends two organs' lobes without a crease. */
function smoothMin(a: number, b: number, k: number): number {
  if (!Number.isFinite(a)) return b;
  const h = Math.max(k - Math.abs(a - b), 0) / k;
  return Math.min(a, b) - (h * h * k) / 4;
}
