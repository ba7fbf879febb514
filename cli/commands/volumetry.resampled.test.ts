import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeInstance } from '../../electron/services/dicom/decodeInstance';
import { importLabelFile } from '../../electron/services/labels/importLabelFile';
import { mergeImport, planImport } from '../../shared/case/importSegments';
import { measureCase } from '../../shared/case/measureCase';
import { extractHeader } from '../../shared/dicom/extractHeader';
import { makeSeries } from '../../shared/dicom/makeSeries';
import { regularVolume } from '../../shared/dicom/regularVolume';
import type { SlicePlane } from '../../shared/dicom/stackGeometry';
import { AXIAL_DIRECTION, type Grid, type Vec3 } from '../../shared/volume/grid';
import { decodeNiftiLabelmap, encodeNifti } from '../../shared/volume/nifti';
import { main } from '../main';

/**
 * The app's figures on a tilted and on an unevenly spaced series equal `liverplan volumetry`'s.
 * The app path: the stored slices as a viewer volume holds them (here reversed) go onto the
 * regular grid through shared/dicom/regularVolume (renderer/src/viewer/loadRegularVolume), the
 * label file is imported onto that grid as Import SEG / NIfTI does (labels:import's
 * importLabelFile, planImport, mergeImport) and measured as the Segment panel's statistics job
 * measures (renderer/src/segmentation/runSegmentJob caseStatistics: measureCase with these inputs).
 */
const root = mkdtempSync(join(tmpdir(), 'lp-volumetry-resampled-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const N = 48;
const PX = 1.5;
const ORIGIN: Vec3 = [-36, -36, 0];
const LIVER = { centre: [-4, 2, 40] as Vec3, r: 24, hu: 60 };
const LESION = { centre: [2, 6, 44] as Vec3, r: 8, hu: 150 };
const inBall = (p: Vec3, b: { centre: Vec3; r: number }) =>
  Math.hypot(p[0] - b.centre[0], p[1] - b.centre[1], p[2] - b.centre[2]) <= b.r;
const BALL_ML = (r: number) => ((4 / 3) * Math.PI * r ** 3) / 1000;

/** A CT of a liver ball holding a lesion ball, sampled in patient space on tilted or uneven slices. */
function writeSeries(name: string, steps: number[], shearPerSlice: number, uidRoot: string): string {
  const dir = join(root, name);
  mkdirSync(dir);
  const zs = steps.reduce((z, s) => [...z, z[z.length - 1]! + s], [0]);
  const files = makeSeries({
    rows: N,
    columns: N,
    slices: zs.length,
    pixelSpacing: [PX, PX],
    sliceStep: steps,
    shearPerSlice,
    origin: ORIGIN,
    rescaleIntercept: -1024,
    signed: true,
    uidRoot,
    description: name,
    value: (i, j, k) => {
      const p: Vec3 = [ORIGIN[0] + i * PX, ORIGIN[1] + shearPerSlice * k + j * PX, zs[k]!];
      return 1024 + (inBall(p, LESION) ? LESION.hu : inBall(p, LIVER) ? LIVER.hu : -100);
    },
  });
  for (const f of files) writeFileSync(join(dir, f.name), f.bytes);
  return dir;
}

/** Labels drawn by another tool on its own 1 mm axial grid: 1 liver (the lesion's voxels excluded), 2 lesion. */
function writeLabels(): string {
  const grid: Grid = { dims: [72, 72, 90], spacing: [1, 1, 1], origin: [-36, -36, 0], direction: AXIAL_DIRECTION };
  const data = new Uint8Array(72 * 72 * 90);
  for (let k = 0; k < 90; k++)
    for (let j = 0; j < 72; j++)
      for (let i = 0; i < 72; i++) {
        const p: Vec3 = [-36 + i, -36 + j, k];
        data[i + 72 * (j + 72 * k)] = inBall(p, LESION) ? 2 : inBall(p, LIVER) ? 1 : 0;
      }
  const path = join(root, 'labels.nii.gz');
  writeFileSync(path, encodeNifti({ grid, data }, { gzip: true }));
  return path;
}

async function cliFigures(dir: string, labels: string) {
  let out = '';
  const stream = { write: (s: string) => void (out += s) };
  expect(await main(['volumetry', '--image', dir, '--labels', labels, '--json'], stream, stream)).toBe(0);
  return JSON.parse(out) as {
    segments: { label: number; voxels: number; volumeMl: number; hu: { mean: number } }[];
    voxelVolumeMm3: number;
  };
}

/** What the app measures: stored slices in the viewer volume's order, its regular grid, the import, the panel's job. */
async function appFigures(dir: string, labels: string) {
  const files = readdirSync(dir)
    .map((name) => readFileSync(join(dir, name)))
    .map((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
  // Reversed: a viewer's volume holds the slices in its own order, not the CLI's sorted one.
  const stored = [...files].reverse();
  const planes: SlicePlane[] = [];
  const plane = N * N;
  const hu = new Float32Array(plane * stored.length);
  for (const [k, bytes] of stored.entries()) {
    const h = extractHeader(bytes, `slice-${k}`);
    const g = h.geometry;
    planes.push({
      position: g.position!,
      orientation: g.orientation!,
      pixelSpacing: g.pixelSpacing!,
      rows: h.rows,
      columns: h.columns,
    });
    const frame = (await decodeInstance(bytes)).frames[0]!;
    for (let n = 0; n < plane; n++) hu[k * plane + n] = frame[n]! * h.rescaleSlope + h.rescaleIntercept;
  }
  const r = regularVolume(hu, planes);
  expect(r, 'the stack needs its regular grid').not.toBeNull();
  const { volume } = r!;
  const imported = await importLabelFile(labels, volume.grid, undefined);
  const composed = decodeNiftiLabelmap(imported.labels);
  const { added, labelOf } = planImport([], imported.segments);
  const { voxels } = mergeImport(new Uint8Array(composed.data.length), composed.data as Uint8Array, labelOf, new Set());
  const stats = measureCase({
    labels: { grid: volume.grid, data: voxels },
    phases: [{ name: 'portal venous', volume }],
    segments: added.map(({ label, name, kind, type, uid }) => ({ label, name, kind, type, uid })),
    territories: [],
  });
  return { stats, grid: volume.grid, stack: r!.stack };
}

describe('liverplan volumetry and the app on series that are not a regular grid', () => {
  const labels = writeLabels();
  const cases = [
    // 1.5 mm slices, each shifted 0.55 mm along the columns: a 20° gantry tilt.
    { name: 'tilted 20 deg', steps: Array(56).fill(1.5), shear: Math.tan((20 * Math.PI) / 180) * 1.5, uid: '2.25.881' },
    // A protocol change: 2 mm steps, then 5 mm (non-uniform spacing, not missing slices).
    { name: 'steps 2 then 5 mm', steps: [...Array(20).fill(2), ...Array(9).fill(5)], shear: 0, uid: '2.25.882' },
  ];
  for (const c of cases) {
    it(`${c.name}: the same voxels, volumes and HU as the CLI`, async () => {
      const dir = writeSeries(c.name.replace(/\W+/g, '-'), c.steps, c.shear, c.uid);
      const cli = await cliFigures(dir, labels);
      const app = await appFigures(dir, labels);
      const finding = c.shear ? 'gantry-tilt' : 'non-uniform-spacing';
      expect(app.stack.findings.map((f) => f.code)).toContain(finding);
      expect(app.stats.voxelVolumeMm3).toBeCloseTo(cli.voxelVolumeMm3, 6);
      // One grid, one resampling, one import: equal to the voxel (tolerance 0), not merely close.
      for (const s of cli.segments) {
        const a = app.stats.segments.find((x) => x.label === s.label)!;
        expect(a.voxelCount, `label ${s.label} voxels`).toBe(s.voxels);
        expect(Math.round(a.volumeMl * 1000) / 1000).toBe(s.volumeMl);
        expect(Math.round(a.intensity[0]!.mean * 10) / 10).toBe(s.hu.mean);
      }
      // And right, not merely equal: the balls' volumes and HU come back on the resampled grid.
      const [liver, lesion] = [1, 2].map((l) => cli.segments.find((s) => s.label === l)!);
      const liverMl = BALL_ML(LIVER.r) - BALL_ML(LESION.r);
      console.log(
        `${c.name}: grid ${app.grid.dims.join('x')} @ ${app.grid.spacing.map((v) => +v.toFixed(3)).join('x')} mm; ` +
          `liver ${liver!.volumeMl} mL (ball ${liverMl.toFixed(3)}), ${liver!.hu.mean} HU; ` +
          `lesion ${lesion!.volumeMl} mL (ball ${BALL_ML(LESION.r).toFixed(3)}), ${lesion!.hu.mean} HU`,
      );
      expect(Math.abs(liver!.volumeMl - liverMl) / liverMl).toBeLessThan(0.03);
      expect(Math.abs(lesion!.volumeMl - BALL_ML(LESION.r)) / BALL_ML(LESION.r)).toBeLessThan(0.08);
      // Labels and image line up: mean HU near the ball's own value; the rim voxels mix it with the
      // -100 HU surround by up to half a stored step (2.5 mm where the steps are 5 mm).
      expect(Math.abs(liver!.hu.mean - LIVER.hu)).toBeLessThan(10);
      expect(Math.abs(lesion!.hu.mean - LESION.hu)).toBeLessThan(20);
    });
  }
});
