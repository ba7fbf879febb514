import { indexToPatient, patientToIndex, type Grid, type ScalarArray, type ScalarVolume } from '../../volume/grid';
import { createRng } from '../random';
import { lesionHu, smoothRamp } from './lesionProfiles';
import { maxRadiusMm, radialDistance } from './lesionShape';
import type { LiverTexture } from './liverTexture';
import type { HybridBackground, PlannedLesion } from './types';

/** Per-voxel result of drawing the planned lesions, before painting. */
export interface LesionField {
  /** Owning lesion index per voxel, -1 where none reaches. */
  owner: Int16Array;
  /** Edge weight of the owner (0..1); truth where >= 0.5. */
  ownerWeight: Float32Array;
  /** Largest edge weight of any lesion (no dip where confluent lesions meet). */
  weight: Float32Array;
  /** The owner's profile HU. */
  hu: Float32Array;
  /** Per lesion: some voxel with weight >= 0.5 lies on a grid face the lesion reaches past. */
  cutByVolumeEdge: boolean[];
  /** Per lesion: some voxel with weight >= 0.5 lies outside the liver (left unpainted). */
  cutByLiver: boolean[];
}

/**
 * Draws each lesion into its bounding box. Weight w = 1 - smoothstep(s / 2 sigma) of the radial
 * signed distance s, a soft partial-volume edge 1-2 mm wide (smoothstep over +-2 sigma has the
 * slope of a Gaussian edge of that sigma at s = 0). Only liver voxels are drawn (capsule lesions
 * are cut by the liver surface) and vessel lesions skip vessel voxels. Where lesions overlap the
 * voxel goes to the nearest centre among those with w >= 0.5 (confluent truth stays separate).
 */
export function drawLesions(bg: HybridBackground, plan: PlannedLesion[], vessels?: Uint8Array): LesionField {
  const grid = bg.image.grid;
  const n = bg.image.data.length;
  const f: LesionField = {
    owner: new Int16Array(n).fill(-1),
    ownerWeight: new Float32Array(n),
    weight: new Float32Array(n),
    hu: new Float32Array(n),
    cutByVolumeEdge: plan.map(() => false),
    cutByLiver: plan.map(() => false),
  };
  const [nx, ny, nz] = grid.dims;
  plan.forEach((les, m) => {
    const h = 2 * les.blurMm;
    const reach = maxRadiusMm(les.shape) + h;
    const box = indexBox(grid, les.shape.centreLps, reach);
    const c = les.shape.centreLps;
    for (let k = box.lo[2]; k <= box.hi[2]; k++)
      for (let j = box.lo[1]; j <= box.hi[1]; j++)
        for (let i = box.lo[0]; i <= box.hi[0]; i++) {
          const v = i + nx * (j + ny * k);
          const p = indexToPatient(grid, i, j, k);
          const r = radialDistance(les.shape, p);
          if (r.signedMm >= h) continue;
          const w = 1 - smoothRamp(r.signedMm / h);
          if (w >= 0.5 && box.clipped && onCutFace(i, j, k, nx, ny, nz, box)) f.cutByVolumeEdge[m] = true;
          if (!bg.liver[v]) {
            if (w >= 0.5) f.cutByLiver[m] = true;
            continue;
          }
          if (les.protectVessels && vessels?.[v]) continue;
          if (w > f.weight[v]!) f.weight[v] = w;
          const o = f.owner[v]!;
          if (o >= 0 && !takesOver(w, f.ownerWeight[v]!, p, c, plan[o]!.shape.centreLps)) continue;
          f.owner[v] = m;
          f.ownerWeight[v] = w;
          f.hu[v] = lesionHu(les.profile, [p[0] - c[0], p[1] - c[1], p[2] - c[2]], Math.min(r.t, 1), r.radiusMm, h / 2);
        }
  });
  return f;
}

function takesOver(w: number, ownerW: number, p: number[], mine: number[], theirs: number[]): boolean {
  const eligible = w >= 0.5;
  const ownerEligible = ownerW >= 0.5;
  if (eligible !== ownerEligible) return eligible;
  if (!eligible) return w > ownerW;
  const dm = (p[0]! - mine[0]!) ** 2 + (p[1]! - mine[1]!) ** 2 + (p[2]! - mine[2]!) ** 2;
  const dt = (p[0]! - theirs[0]!) ** 2 + (p[1]! - theirs[1]!) ** 2 + (p[2]! - theirs[2]!) ** 2;
  return dm < dt;
}

interface IndexBox {
  lo: [number, number, number];
  hi: [number, number, number];
  /** Per axis: the unclipped box ran below 0 / beyond the last index. */
  cutLo: boolean[];
  cutHi: boolean[];
  clipped: boolean;
}

/** Index box of a ball of radius reachMm: orthonormal axes map a ball to +-reach/spacing per axis. */
function indexBox(grid: Grid, centre: [number, number, number], reachMm: number): IndexBox {
  const ci = patientToIndex(grid, centre);
  const lo: [number, number, number] = [0, 0, 0];
  const hi: [number, number, number] = [0, 0, 0];
  const cutLo = [false, false, false];
  const cutHi = [false, false, false];
  for (let a = 0; a < 3; a++) {
    const half = reachMm / grid.spacing[a]!;
    const l = Math.floor(ci[a]! - half);
    const u = Math.ceil(ci[a]! + half);
    cutLo[a] = l < 0;
    cutHi[a] = u > grid.dims[a]! - 1;
    lo[a] = Math.max(0, l);
    hi[a] = Math.min(grid.dims[a]! - 1, u);
  }
  return { lo, hi, cutLo, cutHi, clipped: cutLo.some(Boolean) || cutHi.some(Boolean) };
}

function onCutFace(i: number, j: number, k: number, nx: number, ny: number, nz: number, b: IndexBox): boolean {
  const idx = [i, j, k];
  const last = [nx - 1, ny - 1, nz - 1];
  for (let a = 0; a < 3; a++) {
    if (b.cutLo[a] && idx[a] === 0) return true;
    if (b.cutHi[a] && idx[a] === last[a]) return true;
  }
  return false;
}

/**
 * Paints the drawn field into a copy of the image: I' = (1 - w) I + w (HU + noise), where the
 * noise is the voxel's own deviation from its local parenchyma mean (the real texture), or,
 * on vessel and other non-parenchyma voxels, the deviation of a parenchyma voxel drawn at
 * random (a tumour replaces the vessel, the noise stays liver-like). noiseScale scales it.
 */
export function paintLesions(
  image: ScalarVolume,
  field: LesionField,
  texture: LiverTexture,
  seed: number | string,
  noiseScale = 1,
): ScalarVolume {
  const src = image.data;
  const out = emptyLike(src);
  out.set(src);
  const rng = createRng(`${seed}:noise`);
  const pool = texture.parenchymaIndex;
  const round = !(out instanceof Float32Array);
  for (let v = 0; v < src.length; v++) {
    if (field.owner[v]! < 0) continue;
    const w = field.weight[v]!;
    const noise = texture.parenchyma[v]
      ? texture.residual[v]!
      : texture.residual[pool[Math.floor(rng.next() * pool.length)]!]!;
    const value = (1 - w) * src[v]! + w * (field.hu[v]! + noiseScale * noise);
    out[v] = round ? Math.round(value) : value;
  }
  return { grid: image.grid, data: out };
}

function emptyLike(a: ScalarArray): ScalarArray {
  if (a instanceof Int16Array) return new Int16Array(a.length);
  if (a instanceof Uint16Array) return new Uint16Array(a.length);
  if (a instanceof Int32Array) return new Int32Array(a.length);
  if (a instanceof Uint8Array) return new Uint8Array(a.length);
  return new Float32Array(a.length);
}
