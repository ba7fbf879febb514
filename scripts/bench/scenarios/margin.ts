import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rasteriseAblationZones } from '../../../shared/volume/ablationZone';
import { signedDistanceMm } from '../../../shared/volume/distance';
import { indexToPatient, type Grid, type Vec3 } from '../../../shared/volume/grid';
import { decodeNifti, encodeNifti } from '../../../shared/volume/nifti';
import { extractSurface } from '../../../shared/volume/surface';
import { measureCommand, measureInProcess } from '../measure';
import type { BenchScenario } from '../types';

/**
 * Minimal ablative margin on a CT-sized anisotropic grid: a 12 mm-radius tumour inside a
 * 50 x 44 mm ellipsoidal zone along an oblique applicator, centred so the exact MAM is
 * 22 - 12 = 10 mm. Our CLI (read NIfTI + MAM) and our full-grid signed distance map beside
 * `plastimatch dmap` of the same zone written as NIfTI.
 */
const scenario: BenchScenario = {
  name: 'margin',
  description: 'MAM on 512x512x300 (0.7x0.7x1.25 mm) vs plastimatch dmap',
  async run({ workDir, quick }) {
    const dims: Vec3 = quick ? [128, 128, 75] : [512, 512, 300];
    const spacing: Vec3 = quick ? [2.8, 2.8, 5] : [0.7, 0.7, 1.25];
    const grid: Grid = { dims, spacing, origin: [-180, -170, -200], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
    const c = indexToPatient(grid, dims[0] / 2 + 0.3, dims[1] / 2 - 0.2, dims[2] / 2 + 0.1);
    const axis: Vec3 = [1 / Math.sqrt(3), 1 / Math.sqrt(3), 1 / Math.sqrt(3)];
    const L = 25;
    const tip: Vec3 = [c[0] + axis[0] * L, c[1] + axis[1] * L, c[2] + axis[2] * L];
    const entry: Vec3 = [tip[0] - axis[0] * 100, tip[1] - axis[1] * 100, tip[2] - axis[2] * 100];
    const zone = rasteriseAblationZones([{ entry, tip, longAxisMm: 50, shortAxisMm: 44, tipOffsetMm: 0 }], grid);
    const tumour = rasteriseAblationZones(
      [
        {
          entry,
          tip: [c[0] + axis[0] * 12, c[1] + axis[1] * 12, c[2] + axis[2] * 12],
          longAxisMm: 24,
          shortAxisMm: 24,
          tipOffsetMm: 0,
        },
      ],
      grid,
    );
    const tPath = join(workDir, 'tumour.nii');
    const zPath = join(workDir, 'zone.nii');
    writeFileSync(tPath, encodeNifti({ grid, data: tumour }));
    writeFileSync(zPath, encodeNifti({ grid, data: zone }));

    const cli = join(import.meta.dirname, '..', '..', '..', 'bin', 'liverplan.mjs');
    const ours = await measureCommand(process.execPath, [cli, 'margin', '--tumour', tPath, '--zone', zPath, '--json']);
    if (ours.code !== 0) throw new Error(`liverplan margin failed: ${ours.stderr}`);
    const mam = (JSON.parse(ours.stdout) as { mamMm: number }).mamMm;
    const sdm = await measureInProcess(() => signedDistanceMm(zone, grid));

    const dPath = join(workDir, 'dmap.nii');
    const ref = await measureCommand('plastimatch', [
      'dmap',
      '--input',
      zPath,
      '--output',
      dPath,
      '--algorithm',
      'maurer',
      '--inside-positive',
    ]);
    let refNote = `exit ${ref.code}`;
    if (ref.code === 0) {
      // plastimatch's map read at our tumour surface voxels, centre-based as it comes
      const dmap = decodeNifti(readFileSync(dPath)).data;
      const surf = extractSurface(tumour, dims);
      let min = Infinity;
      for (let n = 0; n < surf.length; n++) if (surf[n] && dmap[n]! < min) min = dmap[n]!;
      refNote = `its map at our tumour surface: ${min.toFixed(2)} mm (its 0 = zone edge voxel centres)`;
    }
    const voxels = `${dims.join('x')}`;
    return [
      {
        scenario: 'margin',
        subject: `liverplan margin CLI ${voxels} (read 2 NIfTI + MAM)`,
        seconds: ours.seconds,
        peakRssMb: ours.peakRssMb,
        note: `MAM ${mam.toFixed(2)} mm (exact 10.00)`,
      },
      {
        scenario: 'margin',
        subject: `LiverPlan signedDistanceMm full grid ${voxels}`,
        seconds: sdm.seconds,
        peakRssMb: sdm.peakRssMb,
        note: 'in process',
      },
      {
        scenario: 'margin',
        subject: 'plastimatch dmap --algorithm maurer (reference)',
        seconds: ref.seconds,
        peakRssMb: ref.peakRssMb,
        note: refNote,
      },
    ];
  },
};
export default scenario;
