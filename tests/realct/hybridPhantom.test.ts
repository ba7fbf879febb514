import { beforeAll, describe, expect, it } from 'vitest';
import { indexToPatient } from '../../shared/volume/grid';
import { HYBRID_RECIPES, hybridCases, type HybridBackgroundName } from '../../shared/sample/hybrid/hybridRecipes';
import { radialDistance } from '../../shared/sample/hybrid/lesionShape';
import type { HybridPhantom } from '../../shared/sample/hybrid/types';
import { loadCrop3mm, loadSiemensSlab, realCtAvailable, type RealCase } from '../testing/realCt';

/** HU of a lesion's truth voxels whose normalised radius t lies in [lo, hi). */
function ringValues(ph: HybridPhantom, m: number, lo: number, hi: number): number[] {
  const { grid } = ph.image;
  const [nx, ny] = grid.dims;
  const out: number[] = [];
  ph.labels.forEach((l, v) => {
    if (l !== m + 1) return;
    const i = v % nx;
    const j = ((v - i) / nx) % ny;
    const { t } = radialDistance(ph.plan[m]!.shape, indexToPatient(grid, i, j, (v - i - nx * j) / (nx * ny)));
    if (t >= lo && t < hi) out.push(ph.image.data[v]!);
  });
  return out;
}

/** Mean HU of a lesion's truth voxels whose normalised radius t lies in [lo, hi). */
function ringMean(ph: HybridPhantom, m: number, lo: number, hi: number): number {
  const v = ringValues(ph, m, lo, hi);
  return v.length ? v.reduce((s, x) => s + x, 0) / v.length : NaN;
}

describe.skipIf(!realCtAvailable())('hybrid phantoms on real CT (Wasserthal et al. 2023, CC BY 4.0)', () => {
  const cases: Partial<Record<HybridBackgroundName, { bg: RealCase; built: ReturnType<typeof hybridCases> }>> = {};
  beforeAll(async () => {
    const slab = await loadSiemensSlab();
    const crop = loadCrop3mm();
    cases['siemens-slab'] = { bg: slab, built: hybridCases('siemens-slab', slab) };
    cases['crop-3mm'] = { bg: crop, built: hybridCases('crop-3mm', crop) };
  }, 120_000);

  for (const name of ['siemens-slab', 'crop-3mm'] as const) {
    it(`${name}: every recipe lesion is inserted with a sane truth volume, only inside the liver`, () => {
      const { bg, built } = cases[name]!;
      expect(built.map((b) => b.name)).toEqual(HYBRID_RECIPES[name].map((r) => r.name));
      for (const { phantom } of built) {
        expect(phantom.image.data.length).toBe(bg.image.data.length);
        let outside = 0;
        for (let v = 0; v < bg.liver.length; v++) {
          if (!bg.liver[v] && (phantom.labels[v] || phantom.image.data[v] !== bg.image.data[v])) outside++;
        }
        expect(outside).toBe(0);
        for (const l of phantom.lesions) {
          const sphereMl = ((Math.PI / 6) * (l.diametersMm[0] * l.diametersMm[1] * l.diametersMm[2])) / 1000;
          const cut = l.truncated.byVolumeEdge || l.placement === 'capsule';
          expect(l.volumeMl / sphereMl).toBeGreaterThan(cut ? 0.25 : 0.75);
          expect(l.volumeMl / sphereMl).toBeLessThan(1.3);
          expect(l.axialLongestMm).toBeGreaterThan(0.7 * Math.min(...l.diametersMm));
          expect(phantom.labels[voxelIndex(phantom, l.clickLps)]).toBe(l.label);
        }
      }
    });

    it(`${name}: lesion-to-liver contrast has the sign and size of each kind`, () => {
      const { built } = cases[name]!;
      for (const { phantom } of built) {
        const liver = phantom.liverHu;
        phantom.lesions.forEach((l, m) => {
          const all = ringMean(phantom, m, 0, 2);
          if (l.kind === 'hypo') expect(all - liver).toBeLessThan(-18);
          if (l.kind === 'hyper') expect(all - liver).toBeGreaterThan(35);
          if (l.kind === 'rimIso') {
            expect(Math.abs(ringMean(phantom, m, 0, 0.55) - liver)).toBeLessThan(10);
            expect(ringMean(phantom, m, 0.82, 0.97) - liver).toBeGreaterThan(20);
          }
          if (l.kind === 'necrotic') {
            expect(ringMean(phantom, m, 0, 0.45)).toBeLessThan(35);
            expect(ringMean(phantom, m, 0.75, 0.95) - ringMean(phantom, m, 0, 0.45)).toBeGreaterThan(35);
          }
          if (l.kind === 'heterogeneous') {
            // Darker than the liver on average, and mottled: its spread well beyond the noise.
            const v = ringValues(phantom, m, 0, 0.8);
            const mean = v.reduce((s, x) => s + x, 0) / v.length;
            const sd = Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / v.length);
            expect(mean - liver).toBeLessThan(-10);
            expect(sd).toBeGreaterThan(1.2 * phantom.noiseSd);
            expect(l.axialLongestMm).toBeGreaterThanOrEqual(40);
          }
          if (l.kind === 'target') {
            expect(ringMean(phantom, m, 0, 0.3) - ringMean(phantom, m, 0.5, 0.72)).toBeGreaterThan(40);
          }
        });
      }
    });
  }

  it('vessel lesions abut a large vessel and never cover it', () => {
    for (const name of ['siemens-slab', 'crop-3mm'] as const) {
      const withVessel = cases[name]!.built.filter((b) => b.phantom.lesions.some((l) => l.placement === 'vessel'));
      expect(withVessel.length).toBeGreaterThan(0);
      for (const { phantom } of withVessel) {
        const vessels = phantom.vessels!;
        const [nx, ny] = phantom.image.grid.dims;
        for (const l of phantom.lesions.filter((x) => x.placement === 'vessel')) {
          let touching = 0;
          let covered = 0;
          phantom.labels.forEach((lab, v) => {
            if (lab !== l.label) return;
            if (vessels[v]) covered++;
            if ([v - 1, v + 1, v - nx, v + nx, v - nx * ny, v + nx * ny].some((u) => vessels[u])) touching++;
          });
          expect(covered).toBe(0);
          expect(touching).toBeGreaterThan(3);
        }
      }
    }
  });

  it('the recipes cover the kinds, sizes and placements issue 15 asks for', () => {
    for (const name of ['siemens-slab', 'crop-3mm'] as const) {
      const lesions = cases[name]!.built.flatMap((b) => b.phantom.lesions);
      const count = (f: (l: (typeof lesions)[number]) => boolean) => lesions.filter(f).length;
      expect(count((l) => l.kind === 'hypo')).toBeGreaterThanOrEqual(2);
      expect(count((l) => l.kind === 'hyper')).toBeGreaterThanOrEqual(2);
      for (const kind of ['rimIso', 'necrotic', 'target', 'heterogeneous'] as const)
        expect(count((l) => l.kind === kind)).toBeGreaterThan(0);
      for (const p of ['capsule', 'vessel', 'confluent'] as const)
        expect(count((l) => l.placement === p)).toBeGreaterThan(0);
      const d = (l: (typeof lesions)[number]) => l.diametersMm[1];
      expect(count((l) => d(l) >= 8 && d(l) <= 10)).toBeGreaterThan(0);
      expect(count((l) => d(l) >= 15 && d(l) <= 25)).toBeGreaterThan(0);
      expect(count((l) => d(l) >= 30 && d(l) <= 60)).toBeGreaterThan(0);
    }
    const slabHypo = cases['siemens-slab']!.built.flatMap((b) => b.phantom.lesions).filter((l) => l.kind === 'hypo');
    for (const l of slabHypo) expect(l.nominalHu).toBeGreaterThanOrEqual(30);
    for (const l of slabHypo) expect(l.nominalHu).toBeLessThanOrEqual(70);
  });
});

function voxelIndex(ph: HybridPhantom, p: [number, number, number]): number {
  const { grid } = ph.image;
  const d = grid.direction;
  const q = [p[0] - grid.origin[0], p[1] - grid.origin[1], p[2] - grid.origin[2]];
  const idx = [0, 1, 2].map((a) =>
    Math.round((q[0]! * d[3 * a]! + q[1]! * d[3 * a + 1]! + q[2]! * d[3 * a + 2]!) / grid.spacing[a]!),
  );
  return idx[0]! + grid.dims[0] * (idx[1]! + grid.dims[1] * idx[2]!);
}
