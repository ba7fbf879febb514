import { describe, expect, it } from 'vitest';
import { patientToIndex, type Grid, type Vec3 } from '../volume/grid';
import { buildAnatomy } from './anatomy';
import { caseGrid, findCase, SAMPLE_CASES } from './cases';
import { rasterise, type Phantom } from './rasterise';
import { LESION_BASE, NECROSIS_BASE, TISSUE_ID } from './tissues';
import { summariseTruth, truthMasks } from './truth';

function build(name: string) {
  const def = findCase(name)!;
  const grid = caseGrid(def.modality, 'normal');
  const lesions = def.lesions();
  const phantom = rasterise(grid, buildAnatomy({ liverScale: def.liverScale, lesions }));
  const masks = truthMasks(phantom, lesions, (id) => `2.25.${id.length}`);
  return { def, grid, lesions, phantom, summary: summariseTruth(phantom, masks, lesions, 'arterial') };
}

/** Patient points of the voxels whose label passes `test`. */
function points(ph: Phantom, test: (label: number) => boolean): Vec3[] {
  const [nx, ny] = ph.grid.dims;
  const out: Vec3[] = [];
  ph.labels.forEach((l, v) => {
    if (!test(l)) return;
    const i = v % nx;
    const j = Math.floor(v / nx) % ny;
    const k = Math.floor(v / (nx * ny));
    const g = ph.grid;
    out.push([g.origin[0] + i * g.spacing[0], g.origin[1] + j * g.spacing[1], g.origin[2] + k * g.spacing[2]]);
  });
  return out;
}

/** Smallest distance between two voxel sets, exact up to `limit` mm (Infinity beyond). */
function minDistance(a: Vec3[], b: Vec3[], limit = 20): number {
  const lo = [0, 1, 2].map((n) => Math.min(...a.map((p) => p[n]!)) - limit);
  const hi = [0, 1, 2].map((n) => Math.max(...a.map((p) => p[n]!)) + limit);
  const near = b.filter((q) => q.every((v, n) => v >= lo[n]! && v <= hi[n]!));
  let best = Infinity;
  for (const p of a) for (const q of near) best = Math.min(best, Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]));
  return best;
}

function labelAt(ph: Phantom, grid: Grid, p: Vec3): number {
  const [i, j, k] = patientToIndex(grid, p).map(Math.round) as Vec3;
  return ph.labels[i + grid.dims[0] * (j + grid.dims[1] * k)]!;
}

const ofLesion = (n: number) => (l: number) => l === LESION_BASE + n || l === NECROSIS_BASE + n;

describe('sample cases', () => {
  it('are at least four, of graded difficulty, with one MR case', () => {
    expect(SAMPLE_CASES.length).toBeGreaterThanOrEqual(4);
    expect(new Set(SAMPLE_CASES.map((c) => c.difficulty))).toEqual(new Set(['easy', 'moderate', 'hard']));
    expect(SAMPLE_CASES.filter((c) => c.modality === 'MR')).toHaveLength(1);
  });

  it('solitary-ablation: one 2-3 cm lesion clear of large vessels and the gallbladder', () => {
    const { phantom, summary } = build('solitary-ablation');
    expect(summary.lesionCount).toBe(1);
    const lesion = points(phantom, ofLesion(0));
    const veins = points(
      phantom,
      (l) => l === TISSUE_ID.hepaticVein || l === TISSUE_ID.portalVein || l === TISSUE_ID.ivc,
    );
    const vesselClearance = minDistance(lesion, veins);
    expect(vesselClearance).toBeGreaterThan(10);
    expect(
      minDistance(
        lesion,
        points(phantom, (l) => l === TISSUE_ID.gallbladder),
      ),
    ).toBeGreaterThan(10);
  });

  it('heat-sink-gallbladder: L1 touches a hepatic vein, L2 lies within 5 mm of the gallbladder', () => {
    const { phantom, summary } = build('heat-sink-gallbladder');
    expect(summary.lesionCount).toBe(2);
    const l1 = points(phantom, ofLesion(0));
    const l2 = points(phantom, ofLesion(1));
    expect(
      minDistance(
        l1,
        points(phantom, (l) => l === TISSUE_ID.hepaticVein),
      ),
    ).toBeLessThanOrEqual(2.2);
    expect(
      minDistance(
        l2,
        points(phantom, (l) => l === TISSUE_ID.gallbladder),
      ),
    ).toBeLessThanOrEqual(5);
    // And L1 is not simply everywhere near vessels: L2 stays clear of the hepatic veins.
    expect(
      minDistance(
        l2,
        points(phantom, (l) => l === TISSUE_ID.hepaticVein),
      ),
    ).toBeGreaterThan(5);
  });

  it('bilobar-burden: many lesions in both lobes replacing over half of the liver', () => {
    const { phantom, grid, summary, lesions } = build('bilobar-burden');
    expect(summary.lesionCount).toBeGreaterThanOrEqual(10);
    expect(summary.tumourBurdenPercent).toBeGreaterThan(50);
    expect(new Set(summary.lesions.map((l) => l.lobe))).toEqual(new Set(['left', 'right']));
    expect(summary.lesions.some((l) => l.necrotic)).toBe(true);
    // Every lesion is non-empty and its recorded centre lies in its own voxels.
    lesions.forEach((l, n) => {
      expect(summary.lesions[n]!.voxels).toBeGreaterThan(0);
      expect(ofLesion(n)(labelAt(phantom, grid, l.centreLps))).toBe(true);
    });
  });

  it('mr-multiphase: a rectangular MR grid with three lesions at their stated centres', () => {
    const { phantom, grid, summary, lesions, def } = build('mr-multiphase');
    expect(def.phases).toEqual(['t1_pre', 't1_arterial', 't1_portal_venous', 't1_hepatobiliary', 't2']);
    expect(grid.dims[0]).not.toBe(grid.dims[1]);
    expect(summary.lesionCount).toBe(3);
    lesions.forEach((l, n) => expect(ofLesion(n)(labelAt(phantom, grid, l.centreLps))).toBe(true));
    expect(summary.liverVolumeMl).toBeGreaterThan(1200);
  });
});
