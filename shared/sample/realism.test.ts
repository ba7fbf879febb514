import { describe, expect, it } from 'vitest';
import { indexToPatient } from '../volume/grid';
import { buildAnatomy, CAVITY } from './anatomy';
import { caseGrid, findCase } from './cases';
import { CT_PHASES } from './enhancement';
import { parenchymaOffset } from './parenchymaTexture';
import { rasterise, type Phantom } from './rasterise';
import { signedDistance } from './shapes';
import { synthesisePhase } from './synthesise';
import { LESION_BASE, TISSUE_ID, TISSUES } from './tissues';

const phantoms = new Map<string, Phantom>();
function phantomOf(name: string): Phantom {
  if (!phantoms.has(name)) {
    const def = findCase(name)!;
    phantoms.set(
      name,
      rasterise(caseGrid(def.modality, 'normal'), buildAnatomy({ liverScale: def.liverScale, lesions: def.lesions() })),
    );
  }
  return phantoms.get(name)!;
}

/** Faces between a liver voxel and a voxel of each other tissue: contact with no fat between. */
function contactFaces(ph: Phantom): Record<string, number> {
  const [nx, ny, nz] = ph.grid.dims;
  const out: Record<string, number> = {};
  for (let v = 0; v < ph.liver.length; v++) {
    if (!ph.liver[v]) continue;
    const i = v % nx;
    const j = Math.floor(v / nx) % ny;
    const k = Math.floor(v / (nx * ny));
    const near = [i > 0 && v - 1, i < nx - 1 && v + 1, j > 0 && v - nx, j < ny - 1 && v + nx];
    near.push(k > 0 && v - nx * ny, k < nz - 1 && v + nx * ny);
    for (const u of near) {
      if (u === false || ph.liver[u]) continue;
      const t = TISSUES[ph.labels[u]!] ?? 'other';
      out[t] = (out[t] ?? 0) + 1;
    }
  }
  return out;
}

describe('sample realism', () => {
  it('keeps every liver inside the abdominal wall (the enlarged bilobar liver reached the subcutaneous fat)', () => {
    for (const name of ['solitary-ablation', 'bilobar-burden']) {
      const ph = phantomOf(name);
      const [nx, ny] = ph.grid.dims;
      let outside = 0;
      ph.liver.forEach((m, v) => {
        if (!m) return;
        const p = indexToPatient(ph.grid, v % nx, Math.floor(v / nx) % ny, Math.floor(v / (nx * ny)));
        if (signedDistance(CAVITY, p) > 0) outside++;
      });
      expect(outside, name).toBe(0);
    }
  });

  it('lets the heart, stomach wall, IVC and right kidney touch the liver, the first three at liver-like portal HU', () => {
    const faces = contactFaces(phantomOf('solitary-ablation'));
    // At least ~5 cm^2 of contact (1.5 x 1.5 to 1.5 x 2.5 mm faces).
    for (const t of ['myocardium', 'stomachWall', 'ivc', 'kidney']) expect(faces[t] ?? 0, t).toBeGreaterThan(200);
    const pv = CT_PHASES.portal_venous.signal;
    for (const t of ['myocardium', 'stomachWall', 'ivc'] as const) {
      expect(Math.abs(pv[t] - pv.liver), t).toBeLessThanOrEqual(20);
    }
  });

  it('gives the parenchyma a smooth texture of a few HU and a denser dependent liver', () => {
    const noiseSd = CT_PHASES.portal_venous.noiseSd;
    const samples: number[] = [];
    for (let x = -120; x <= 20; x += 7)
      for (let z = -60; z <= 40; z += 7) samples.push(noiseSd * parenchymaOffset([x, 15, z]));
    const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
    const sd = Math.sqrt(samples.reduce((a, b) => a + (b - mean) ** 2, 0) / samples.length);
    expect(sd).toBeGreaterThan(2);
    expect(sd).toBeLessThan(6);
    // Smooth: neighbours 1.5 mm apart differ far less than the noise.
    expect(Math.abs(parenchymaOffset([-60, 15, 0]) - parenchymaOffset([-58.5, 15, 0])) * noiseSd).toBeLessThan(1.5);
    // Dependent: averaged over a plane, the back is denser than the front by a few HU.
    const plane = (y: number) => {
      let s = 0;
      for (let x = -120; x <= 20; x += 5) for (let z = -60; z <= 40; z += 5) s += noiseSd * parenchymaOffset([x, y, z]);
      return s / (29 * 21);
    };
    expect(plane(80) - plane(-50)).toBeGreaterThan(1.5);
    expect(plane(80) - plane(-50)).toBeLessThan(8);
  });

  it('gives rim-enhancing lesions a rim brighter than their core in the portal venous phase, and others none', () => {
    const ph = phantomOf('heat-sink-gallbladder');
    const data = synthesisePhase(ph, CT_PHASES.portal_venous, {
      blurSigmaMm: [0.8, 0.8, 1],
      seed: 'realism',
      min: -1024,
      max: 3071,
    });
    const sum = { rim: 0, rimN: 0, core: 0, coreN: 0 };
    ph.labels.forEach((l, v) => {
      if (l !== LESION_BASE) return;
      if (ph.rim![v]) {
        sum.rim += data[v]!;
        sum.rimN++;
      } else {
        sum.core += data[v]!;
        sum.coreN++;
      }
    });
    expect(sum.rimN).toBeGreaterThan(100);
    expect(sum.rim / sum.rimN - sum.core / sum.coreN).toBeGreaterThan(15);
    expect(phantomOf('solitary-ablation').rim!.some((r) => r)).toBe(false);
    expect(TISSUE_ID.myocardium).toBeGreaterThan(TISSUE_ID.ablationRim); // appended: earlier labels unchanged
  });
});
