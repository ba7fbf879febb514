import type { Grid, ScalarVolume, Vec3 } from '../../volume/grid';
import { indexToPatient } from '../../volume/grid';

/**
 * A small synthetic abdomen for the segment tests: an ellipsoid liver with an enclosed lesion, a
 * subcapsular lesion and a vessel crossing it, a stomach-like organ of near-liver intensity
 * touching it, fat around, Gaussian noise. Intensities are per phase so lesion conspicuity
 * differs between phases as in a multiphase CT.
 */
export interface TestPhantom {
  grid: Grid;
  /** Phase images keyed by name. */
  phases: Record<'arterial' | 'portal', ScalarVolume>;
  liver: Uint8Array;
  lesions: Uint8Array[];
  lesionCentres: Vec3[];
  /** 0 fat, 1 liver, 2 stomach, 3 vessel, 10+n lesion n. */
  labels: Uint8Array;
}

const TABLE = {
  arterial: { fat: -100, liver: 75, lesion: 160, vessel: 120, stomach: 70 },
  portal: { fat: -100, liver: 110, lesion: 85, vessel: 180, stomach: 88 },
} as const;

export function makeTestPhantom(grid: Grid, noiseSd = 10, seed = 1): TestPhantom {
  const [nx, ny, nz] = grid.dims;
  const total = nx * ny * nz;
  const centre = indexToPatient(grid, (nx - 1) / 2, (ny - 1) / 2, (nz - 1) / 2);
  const c = (dx: number, dy: number, dz: number): Vec3 => [centre[0] + dx, centre[1] + dy, centre[2] + dz];
  const liverC = c(-4, 0, 0);
  const liverR: Vec3 = [24, 18, 22];
  const lesionCentres: Vec3[] = [c(-8, 2, 2), c(-4 + 24 - 7, 0, 0)];
  const lesionR = [7, 6];
  const stomachC = c(28, 0, 0);
  const label = new Uint8Array(total); // 0 fat, 1 liver, 2 stomach, 3 vessel, 10+n lesion n
  for (let n = 0; n < total; n++) {
    const i = n % nx;
    const j = Math.floor(n / nx) % ny;
    const k = Math.floor(n / (nx * ny));
    const p = indexToPatient(grid, i, j, k);
    const q = (a: Vec3, r: Vec3) =>
      ((p[0] - a[0]) / r[0]) ** 2 + ((p[1] - a[1]) / r[1]) ** 2 + ((p[2] - a[2]) / r[2]) ** 2;
    if (q(stomachC, [10, 12, 12]) <= 1) label[n] = 2;
    if (q(liverC, liverR) <= 1) {
      label[n] = 1;
      // A vessel along the patient z axis through the liver, 2.5 mm radius.
      const v = c(-14, -6, 0);
      if ((p[0] - v[0]) ** 2 + (p[1] - v[1]) ** 2 <= 2.5 ** 2) label[n] = 3;
      lesionCentres.forEach((lc, l) => {
        if (q(lc, [lesionR[l]!, lesionR[l]!, lesionR[l]!]) <= 1) label[n] = 10 + l;
      });
    }
  }
  let state = seed >>> 0 || 1;
  const uniform = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) + 0.5) / 2 ** 32;
  const gaussian = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const phase = (t: (typeof TABLE)[keyof typeof TABLE]): ScalarVolume => {
    const data = new Float32Array(total);
    for (let n = 0; n < total; n++) {
      const l = label[n]!;
      const mean = l === 0 ? t.fat : l === 1 ? t.liver : l === 2 ? t.stomach : l === 3 ? t.vessel : t.lesion;
      data[n] = Math.round(mean + noiseSd * gaussian());
    }
    return { grid, data };
  };
  const liver = new Uint8Array(total);
  for (let n = 0; n < total; n++) liver[n] = label[n] === 1 || label[n] === 3 || label[n]! >= 10 ? 1 : 0;
  const lesions = lesionCentres.map((_, l) => Uint8Array.from(label, (v) => (v === 10 + l ? 1 : 0)));
  return {
    grid,
    phases: { arterial: phase(TABLE.arterial), portal: phase(TABLE.portal) },
    liver,
    lesions,
    lesionCentres,
    labels: label,
  };
}

export function dice(a: Uint8Array, b: Uint8Array): number {
  let na = 0;
  let nb = 0;
  let both = 0;
  for (let n = 0; n < a.length; n++) {
    na += a[n] ? 1 : 0;
    nb += b[n] ? 1 : 0;
    both += a[n] && b[n] ? 1 : 0;
  }
  return na + nb === 0 ? 1 : (2 * both) / (na + nb);
}

export function countOnes(a: Uint8Array): number {
  let s = 0;
  for (let n = 0; n < a.length; n++) s += a[n] ? 1 : 0;
  return s;
}

export interface ConfluentPhantom {
  grid: Grid;
  phases: Record<'arterial' | 'portal', ScalarVolume>;
  /** Whole liver: parenchyma, vessel and all lesions. */
  liver: Uint8Array;
  /** Truth per lesion: A (necrotic, largest), B (overlapping A, indented by it), C (solid, apart). */
  lesions: Uint8Array[];
  lesionCentres: Vec3[];
  /** A's non-enhancing core. */
  necrosis: Uint8Array;
}

/**
 * A liver with confluent disease, for the lesion-splitting and necrosis tests: lesion A (12 mm
 * radius) with a non-enhancing core, lesion B (8 mm) running 5 mm into A (A keeps the shared
 * voxels, as confluent deposits are painted in the sample cases), a separate solid lesion C
 * (6 mm) and a vessel passing 2.5 mm from A. Hypervascular lesions as in the CT sample cases:
 * bright in the arterial phase, washed out in the portal phase; necrosis dark in both.
 */
export function makeConfluentPhantom(grid: Grid, noiseSd = 10, seed = 1): ConfluentPhantom {
  const [nx, ny, nz] = grid.dims;
  const total = nx * ny * nz;
  const centre = indexToPatient(grid, (nx - 1) / 2, (ny - 1) / 2, (nz - 1) / 2);
  const c = (dx: number, dy: number, dz: number): Vec3 => [centre[0] + dx, centre[1] + dy, centre[2] + dz];
  const liverR: Vec3 = [34, 26, 22];
  const lesionCentres: Vec3[] = [c(-10, 0, 0), c(5, 0, 0), c(18, -12, 4)];
  const lesionR = [12, 8, 6];
  const vessel = c(-10, 16.5, 0);
  // 0 fat, 1 liver, 2 vessel, 3 necrosis, 10 + n lesion n.
  const label = new Uint8Array(total);
  const d2 = (p: Vec3, a: Vec3) => (p[0] - a[0]) ** 2 + (p[1] - a[1]) ** 2 + (p[2] - a[2]) ** 2;
  for (let n = 0; n < total; n++) {
    const p = indexToPatient(grid, n % nx, Math.floor(n / nx) % ny, Math.floor(n / (nx * ny)));
    const q = ((p[0] - centre[0]) / liverR[0]) ** 2 + ((p[1] - centre[1]) / liverR[1]) ** 2;
    if (q + ((p[2] - centre[2]) / liverR[2]) ** 2 > 1) continue;
    label[n] = 1;
    if ((p[0] - vessel[0]) ** 2 + (p[1] - vessel[1]) ** 2 <= 2.5 ** 2) label[n] = 2;
    // Larger lesions first: a later lesion never takes an earlier one's voxels.
    for (let l = lesionCentres.length - 1; l >= 0; l--)
      if (d2(p, lesionCentres[l]!) <= lesionR[l]! ** 2) label[n] = 10 + l;
    if (d2(p, lesionCentres[0]!) <= 5.5 ** 2) label[n] = 3;
  }
  const table = {
    arterial: [-100, 78, 130, 22, 165],
    portal: [-100, 112, 180, 28, 92],
  };
  let state = seed >>> 0 || 1;
  const uniform = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) + 0.5) / 2 ** 32;
  const gaussian = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const phase = (t: number[]): ScalarVolume => {
    const data = new Float32Array(total);
    for (let n = 0; n < total; n++) data[n] = Math.round(t[Math.min(4, label[n]!)]! + noiseSd * gaussian());
    return { grid, data };
  };
  const lesions = lesionCentres.map((_, l) =>
    Uint8Array.from(label, (v) => (v === 10 + l || (l === 0 && v === 3) ? 1 : 0)),
  );
  return {
    grid,
    phases: { arterial: phase(table.arterial), portal: phase(table.portal) },
    liver: Uint8Array.from(label, (v) => (v ? 1 : 0)),
    lesions,
    lesionCentres,
    necrosis: Uint8Array.from(label, (v) => (v === 3 ? 1 : 0)),
  };
}

/** Seeded approximately Gaussian noise (sum of six uniforms) with the given SD, for test volumes. */
export function seededNoise(seed: number, sd: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    let s = 0;
    for (let q = 0; q < 6; q++) s += (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    return (s - 3) * sd * Math.SQRT2;
  };
}
