import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { makeSeries } from '../../../shared/dicom/makeSeries';
import { measureCommand } from '../measure';
import type { BenchScenario } from '../types';

const REPO = resolve(import.meta.dirname, '../../..');

/** Child process that loads every phase folder and keeps the volumes (as the app would). */
const childCode = (dirs: string[]) => `
import { register } from 'tsx/esm/api';
register();
const { loadSeriesVolume } = await import('./electron/services/dicom/loadSeries.ts');
const vols = [];
for (const d of ${JSON.stringify(dirs)}) vols.push((await loadSeriesVolume(d)).volume);
const bytes = vols.reduce((a, v) => a + v.data.byteLength, 0);
console.log(JSON.stringify({ bytes, dims: vols.map((v) => v.grid.dims) }));
`;

/**
 * Three CT phases from disk to decoded volumes, against dcm2niix converting
 * the same files in the same run. Targets: time within 1.5x of dcm2niix, peak
 * RSS within 1.3x of the voxel bytes.
 */
const scenario: BenchScenario = {
  name: 'load',
  description: 'three phases 512x512x300 from disk to decoded volumes vs dcm2niix',
  async run({ workDir, quick }) {
    const [n, slices] = quick ? [64, 20] : [512, 300];
    const dirs: string[] = [];
    ['ARTERIAL', 'PORTAL VENOUS', 'DELAYED'].forEach((description, p) => {
      const dir = join(workDir, `phase${p + 1}`);
      mkdirSync(dir, { recursive: true });
      const files = makeSeries({
        rows: n,
        columns: n,
        slices,
        pixelSpacing: [0.75, 0.75],
        sliceStep: 1,
        seriesNumber: p + 1,
        description,
        rescaleIntercept: -1024,
        signed: false,
        value: (i, j, k) => 1024 + ((i * 3 + j * 5 + k * 7 + p * 50) % 1500) - 200,
      });
      for (const f of files) writeFileSync(join(dir, f.name), f.bytes);
      dirs.push(dir);
    });
    const ours = await measureCommand(process.execPath, ['--input-type=module', '-e', childCode(dirs)], { cwd: REPO });
    if (ours.code !== 0) throw new Error(`loader failed: ${ours.stderr.split('\n').slice(-3).join(' ')}`);
    const { bytes } = JSON.parse(ours.stdout.trim().split('\n').pop()!) as { bytes: number };
    const out = join(workDir, 'nifti');
    mkdirSync(out);
    const ref = await measureCommand('dcm2niix', ['-z', 'n', '-b', 'n', '-o', out, '-f', '%s', workDir]);
    if (ref.code !== 0) throw new Error(`dcm2niix failed: ${ref.stderr.slice(-200)}`);
    const voxelMb = bytes / 2 ** 20;
    const label = `3x${n}x${n}x${slices}`;
    return [
      {
        scenario: 'load',
        subject: `LiverPlan loadSeriesVolume ${label}`,
        seconds: ours.seconds,
        peakRssMb: ours.peakRssMb,
        note: `time ${(ours.seconds / ref.seconds).toFixed(2)}x dcm2niix (target 1.5x); RSS ${(ours.peakRssMb / voxelMb).toFixed(2)}x voxel bytes ${voxelMb.toFixed(0)} MB (target 1.3x)`,
      },
      { scenario: 'load', subject: `dcm2niix ${label} (reference)`, seconds: ref.seconds, peakRssMb: ref.peakRssMb },
    ];
  },
};
export default scenario;
