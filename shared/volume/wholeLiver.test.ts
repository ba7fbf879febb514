import { describe, expect, it } from 'vitest';
import { SEGMENT_TEMPLATES, segmentFromTemplate } from '../case/segmentTemplates';
import type { Segment } from '../case/model';
import type { Grid } from './grid';
import { intrahepaticVesselLabels, wholeLiverMasks } from './wholeLiver';

// Anisotropic grid: 1 x 1.2 x 2.5 mm, 80 x 70 x 40 voxels.
const grid: Grid = {
  dims: [80, 70, 40],
  spacing: [1, 1.2, 2.5],
  origin: [0, 0, 0],
  direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
};
const LIVER = 1;
const LESION = 2;
const PORTAL = 3;
const IVC = 4;

/** A liver ellipsoid with a lesion, a 6 mm portal branch running in from outside, and an IVC inside it. */
function phantom(): { labels: Uint8Array; truthLiver: number } {
  const [nx, ny, nz] = grid.dims;
  const labels = new Uint8Array(nx * ny * nz);
  let truthLiver = 0;
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        const x = i * 1 - 40;
        const y = j * 1.2 - 42;
        const z = k * 2.5 - 50;
        const inLiver = (x / 30) ** 2 + (y / 30) ** 2 + (z / 35) ** 2 <= 1;
        const idx = i + nx * (j + ny * k);
        const inPortal = y ** 2 + z ** 2 <= 9 && x > -10; // runs along x and leaves the liver at x = 30
        const inIvc = (x + 15) ** 2 + (y - 10) ** 2 <= 16;
        const inLesion = (x + 12) ** 2 + (y + 12) ** 2 + z ** 2 <= 64;
        if (inLiver) truthLiver++;
        if (inLiver && inLesion) labels[idx] = LESION;
        else if (inPortal) labels[idx] = PORTAL;
        else if (inLiver && inIvc) labels[idx] = IVC;
        else if (inLiver) labels[idx] = LIVER;
      }
  return { labels, truthLiver };
}

describe('whole-liver volumetry over one-label-per-voxel labelmaps', () => {
  it('gives intrahepatic vessel voxels back to the liver, not the vessel outside it', () => {
    const { labels, truthLiver } = phantom();
    const w = wholeLiverMasks(labels, grid, [LIVER], [LESION], [PORTAL]);
    let union = 0;
    let portalOutside = 0;
    let ivcCounted = 0;
    for (let n = 0; n < labels.length; n++) {
      if (w.liver[n] || w.tumour[n]) union++;
      if (labels[n] === IVC && w.liver[n]) ivcCounted++;
    }
    // The portal branch outside the liver (x > 30 mm) stays outside.
    const [nx, ny] = grid.dims;
    for (let k = 0; k < grid.dims[2]; k++)
      for (let j = 0; j < ny; j++) for (let i = 72; i < nx; i++) if (w.liver[i + nx * (j + ny * k)]) portalOutside++;
    expect(w.intrahepaticVesselVoxels).toBeGreaterThan(0);
    expect(portalOutside).toBe(0);
    expect(ivcCounted).toBe(0);
    let ivcVoxels = 0;
    for (const v of labels) if (v === IVC) ivcVoxels++;
    // Everything but the IVC's voxels: within 1% of the liver ellipsoid (only the surface exit of the vessel differs).
    expect(Math.abs(union + ivcVoxels - truthLiver) / truthLiver).toBeLessThan(0.01);
  });

  it('is the plain union when there are no vessels or no liver', () => {
    const { labels } = phantom();
    const none = wholeLiverMasks(labels, grid, [LIVER], [LESION], []);
    expect(none.intrahepaticVesselVoxels).toBe(0);
    const noLiver = wholeLiverMasks(labels, grid, [], [LESION], [PORTAL]);
    expect(noLiver.intrahepaticVesselVoxels).toBe(0);
    expect(noLiver.liver.every((v) => v === 0)).toBe(true);
  });

  it('counts vessel segments other than the IVC as possibly intrahepatic', () => {
    const segments: Segment[] = [];
    for (const id of ['liver', 'portal-vein', 'hepatic-vein', 'ivc', 'gallbladder']) {
      const t = SEGMENT_TEMPLATES.find((x) => x.id === id)!;
      segments.push(segmentFromTemplate(t, segments));
    }
    const byName = (n: string) => segments.find((s) => s.name.startsWith(n))!.label;
    expect(intrahepaticVesselLabels(segments).sort()).toEqual([byName('Portal'), byName('Hepatic veins')].sort());
  });
});
