import { describe, expect, it } from 'vitest';
import { indexToPatient, type Grid, type ScalarVolume, type Vec3 } from './grid';
import { applyTransform } from './registration';
import { refineRigid } from './rigidRefine';
import { axialGrid, obliqueGrid, rasterise, sphere } from './testing/testGrids';

/** Ellipsoid with smooth (logistic, ~1 mm) edges: semi-axes r, rotated by `turn` rad about z. */
interface Blob {
  c: Vec3;
  r: Vec3;
  hu: number;
  turn?: number;
}

/** CT-like scene in fixed LPS mm: body, liver, vessels, a lesion, spine, fat. */
const SCENE: Blob[] = [
  { c: [0, 0, 0], r: [62, 48, 75], hu: 40 },
  { c: [-18, -5, 8], r: [40, 30, 38], hu: 95, turn: 0.4 },
  { c: [-30, 10, 20], r: [6, 6, 30], hu: 190 },
  { c: [-5, -12, -5], r: [22, 4, 4], hu: 170, turn: -0.6 },
  { c: [-12, 6, 0], r: [11, 9, 10], hu: 45 },
  { c: [2, 35, 0], r: [12, 10, 70], hu: 650 },
  { c: [30, -20, -15], r: [18, 12, 22], hu: -90, turn: 0.9 },
  { c: [35, 10, 25], r: [10, 14, 9], hu: 240 },
];
/** Post-ablation zone (fixed space): a dark ellipsoid over the lesion and part of the liver. */
const ABLATION: Blob = { c: [-12, 6, 0], r: [17, 14, 15], hu: 15 };

function scene(p: Vec3, blobs: Blob[]): number {
  let v = -1000;
  for (const b of blobs) {
    const x = p[0] - b.c[0];
    const y = p[1] - b.c[1];
    const t = b.turn ?? 0;
    const u = [x * Math.cos(t) + y * Math.sin(t), -x * Math.sin(t) + y * Math.cos(t), p[2] - b.c[2]];
    const q = Math.hypot(u[0]! / b.r[0], u[1]! / b.r[1], u[2]! / b.r[2]);
    const d = (q - 1) * Math.min(...b.r);
    const w = 1 / (1 + Math.exp(d / 0.8));
    v += (b.hu - v) * w;
  }
  return v;
}

/** Image of the scene seen through `toFixed` (moving -> fixed), with seeded +-10 HU noise. */
function acquire(grid: Grid, toFixed: number[], blobs: Blob[], seed: number): ScalarVolume {
  const [nx, ny, nz] = grid.dims;
  const data = new Int16Array(nx * ny * nz);
  let s = seed;
  for (let k = 0, n = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++, n++) {
        s = (s * 1103515245 + 12345) % 2147483648;
        const noise = (s / 2147483648 - 0.5) * 20;
        data[n] = Math.round(scene(applyTransform(toFixed, indexToPatient(grid, i, j, k)), blobs) + noise);
      }
  return { grid, data };
}

/** Row-major 4x4: rotation `deg` about `axis` through `centre`, then translation t. */
function rigid(axis: Vec3, deg: number, t: Vec3, centre: Vec3 = [0, 0, 0]): number[] {
  const n = Math.hypot(...axis);
  const [x, y, z] = axis.map((v) => v / n) as Vec3;
  const a = (deg * Math.PI) / 180;
  const c = Math.cos(a);
  const s = Math.sin(a);
  const k = 1 - c;
  const r = [
    [k * x * x + c, k * x * y - s * z, k * x * z + s * y],
    [k * x * y + s * z, k * y * y + c, k * y * z - s * x],
    [k * x * z - s * y, k * y * z + s * x, k * z * z + c],
  ];
  const off = [0, 1, 2].map(
    (i) => centre[i]! + t[i]! - r[i]![0]! * centre[0] - r[i]![1]! * centre[1] - r[i]![2]! * centre[2],
  );
  return [...r[0]!, off[0]!, ...r[1]!, off[1]!, ...r[2]!, off[2]!, 0, 0, 0, 1];
}

function compose(a: number[], b: number[]): number[] {
  const out = new Array<number>(16).fill(0);
  for (let r = 0; r < 4; r++)
    for (let c = 0; c < 4; c++) for (let k = 0; k < 4; k++) out[4 * r + c]! += a[4 * r + k]! * b[4 * k + c]!;
  return out;
}

function centredOrigin(grid: Grid): Grid {
  const c = indexToPatient(grid, (grid.dims[0] - 1) / 2, (grid.dims[1] - 1) / 2, (grid.dims[2] - 1) / 2);
  return { ...grid, origin: [grid.origin[0] - c[0], grid.origin[1] - c[1], grid.origin[2] - c[2]] };
}

/** Target registration error (mm): worst |M(q) - truth(q)| over moving points q of the fixed test points. */
function tre(matrix: number[]): number {
  const truthInverse = inverseOf(TRUTH);
  return Math.max(
    ...TEST_POINTS.map((p) => {
      const e = applyTransform(matrix, applyTransform(truthInverse, p));
      return Math.hypot(e[0] - p[0], e[1] - p[1], e[2] - p[2]);
    }),
  );
}

const TARGET: Vec3 = [-12, 6, 0];
const REGION = { centre: TARGET, radiusMm: 55 };
const TEST_POINTS: Vec3[] = [
  TARGET,
  ...[-1, 1].flatMap((s) => [0, 1, 2].map((a) => TARGET.map((v, n) => (n === a ? v + 30 * s : v)) as Vec3)),
];
/** Known moving -> fixed transform: 4 degrees and ~11 mm. */
const TRUTH = rigid([0.2, 0.3, 1], 4, [8, -6, 5]);
/** Landmark-quality start: 2 degrees and 3 mm off around the target. */
const START = compose(rigid([1, -0.5, 0.3], 2, [1.8, -1.6, 1.8], TARGET), TRUTH);

function inverseOf(m: number[]): number[] {
  const r = [m[0]!, m[4]!, m[8]!, m[1]!, m[5]!, m[9]!, m[2]!, m[6]!, m[10]!];
  const t = [m[3]!, m[7]!, m[11]!];
  const ti = [0, 1, 2].map((i) => -(r[3 * i]! * t[0]! + r[3 * i + 1]! * t[1]! + r[3 * i + 2]! * t[2]!));
  return [r[0]!, r[1]!, r[2]!, ti[0]!, r[3]!, r[4]!, r[5]!, ti[1]!, r[6]!, r[7]!, r[8]!, ti[2]!, 0, 0, 0, 1];
}

const IDENTITY = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
const fixed = acquire(centredOrigin(axialGrid([96, 96, 48], [1.5, 1.5, 2.5])), IDENTITY, SCENE, 1);
const movingGrid = centredOrigin(axialGrid([104, 100, 40], [1.4, 1.45, 3]));

function check(moving: ScalarVolume, label: string) {
  const before = tre(START);
  const t0 = performance.now();
  const r = refineRigid(fixed, moving, START, { region: REGION });
  const ms = performance.now() - t0;
  const after = tre(r.matrix);
  console.log(
    `${label}: TRE ${before.toFixed(2)} -> ${after.toFixed(3)} mm, NCC ${r.metricBefore.toFixed(4)} -> ${r.metricAfter.toFixed(4)}, ` +
      `${r.iterations} sweeps, change ${r.changeMm.toFixed(2)} mm / ${r.rotationDeg.toFixed(2)} deg, ${ms.toFixed(0)} ms`,
  );
  expect(before).toBeGreaterThan(3);
  expect(after).toBeLessThan(0.75);
  expect(r.metricAfter).toBeGreaterThan(r.metricBefore);
  expect(r.converged).toBe(true);
  expect(ms).toBeLessThan(20_000);
  return r;
}

describe('refineRigid', () => {
  it('recovers a known rigid transform from a landmark-quality start (anisotropic, different grids)', () => {
    check(acquire(movingGrid, TRUTH, SCENE, 2), 'axial');
  });

  it('works with an oblique moving grid', () => {
    check(acquire(centredOrigin(obliqueGrid([100, 96, 44], [1.5, 1.4, 2.8])), TRUTH, SCENE, 3), 'oblique');
  });

  it('converges despite an ablation zone replacing part of the liver and lesion', () => {
    check(acquire(movingGrid, TRUTH, [...SCENE, ABLATION], 4), 'ablation');
  });

  it('does not wander from an already correct pose', () => {
    const r = refineRigid(fixed, acquire(movingGrid, TRUTH, SCENE, 5), TRUTH, { region: REGION });
    expect(tre(r.matrix)).toBeLessThan(0.5);
    expect(r.metricAfter).toBeGreaterThanOrEqual(r.metricBefore);
  });

  it('accepts a mask on the fixed grid as the region', () => {
    const mask = rasterise(fixed.grid, sphere([-18, -5, 8], 45));
    const r = refineRigid(fixed, acquire(movingGrid, TRUTH, SCENE, 8), START, { region: { mask } });
    expect(tre(r.matrix)).toBeLessThan(0.75);
  });

  it('refines over the whole overlap when no region is given', () => {
    const moving = acquire(movingGrid, TRUTH, SCENE, 6);
    const r = refineRigid(fixed, moving, START);
    expect(tre(r.matrix)).toBeLessThan(0.75);
  });

  it('refuses clearly when the region does not overlap the moving image', () => {
    const far = {
      ...movingGrid,
      origin: [movingGrid.origin[0] + 600, movingGrid.origin[1], movingGrid.origin[2]] as Vec3,
    };
    const moving = { grid: far, data: new Int16Array(104 * 100 * 40) };
    expect(() => refineRigid(fixed, moving, START, { region: REGION })).toThrow(/does not overlap the moving image/);
    expect(() => refineRigid(fixed, moving, START)).toThrow(/does not overlap the moving image/);
  });

  it('stops when the signal aborts', () => {
    const moving = acquire(movingGrid, TRUTH, SCENE, 7);
    const controller = new AbortController();
    let calls = 0;
    const run = () =>
      refineRigid(fixed, moving, START, {
        region: REGION,
        signal: controller.signal,
        onProgress: () => {
          if (++calls === 2) controller.abort();
        },
      });
    expect(run).toThrow(/abort/i);
    expect(calls).toBe(2);
    expect(run).toThrow(/abort/i);
  });
});
