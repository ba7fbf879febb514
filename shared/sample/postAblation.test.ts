import { describe, expect, it } from 'vitest';
import { moveGrid } from '../ablation/moveGrid';
import { readInstance } from '../dicom/writeInstance';
import { readSeg } from '../seg/readSeg';
import { patientToIndex, voxelCount, type Grid, type Vec3 } from '../volume/grid';
import { computeMargin } from '../volume/margin';
import { applyTransform, registerLandmarks } from '../volume/registration';
import { resampleLabelmap } from '../volume/resample';
import { CT_PHASES } from './enhancement';
import { CASE_LAYOUT, generateCase } from './generateCase';
import { anatomicalLandmarks } from './landmarks';
import { invertRigid } from './rigidMotion';

// The pre study's portal-venous phase (the one to compare with) plus the post study.
const { files, truth } = await generateCase('solitary-ablation', { phases: ['portal_venous'] });
const post = truth.postAblation!;
const pv = CT_PHASES.portal_venous.signal;
const preToPost = invertRigid(post.postToPreMatrix);

/** HU volume of one series folder, k in slice order (IMnnnn numbers head to feet). */
function volume(folder: string, grid: Grid): Int16Array {
  const [nx, ny, nz] = grid.dims;
  const out = new Int16Array(voxelCount(grid));
  for (let k = 0; k < nz; k++) {
    const ds = readInstance(files.get(`${folder}/IM${String(nz - k).padStart(4, '0')}.dcm`)!);
    const px = new Int16Array((ds.PixelData as ArrayBuffer[])[0]!);
    for (let n = 0; n < nx * ny; n++) out[k * nx * ny + n] = px[n]! - 1024;
  }
  return out;
}
const preGrid = truth.grid;
const preHu = volume(truth.phases[0]!.folder, preGrid);
const postHu = volume(post.folder, post.grid);

/** Mean HU over the 3x3x3 voxels nearest to p (noise sd 12 -> about 2.3). */
function meanHu(hu: Int16Array, grid: Grid, p: Vec3): number {
  const [i, j, k] = patientToIndex(grid, p).map(Math.round) as Vec3;
  const [nx, ny] = grid.dims;
  let sum = 0;
  for (let c = -1; c <= 1; c++)
    for (let b = -1; b <= 1; b++) for (let a = -1; a <= 1; a++) sum += hu[i + a + nx * (j + b + ny * (k + c))]!;
  return sum / 27;
}

function inside(grid: Grid, p: Vec3): boolean {
  return patientToIndex(grid, p).every((v, n) => v >= 1 && v <= grid.dims[n]! - 2);
}

describe('solitary-ablation post-ablation study', () => {
  it('is a second study of the same patient with its own UIDs and frame of reference', () => {
    const slices = [...files].filter(([p]) => p.startsWith(post.folder + '/')).map(([, b]) => readInstance(b));
    expect(post.folder.startsWith(CASE_LAYOUT.dicomDir + '/')).toBe(true);
    expect(slices).toHaveLength(post.grid.dims[2]);
    const pre = readInstance(files.get(`${truth.phases[0]!.folder}/IM0001.dcm`)!);
    const top = slices.find((d) => d.InstanceNumber === 1)!;
    expect(top.StudyInstanceUID).toBe(post.studyInstanceUid);
    expect(top.StudyInstanceUID).not.toBe(truth.studyInstanceUid);
    expect(top.FrameOfReferenceUID).toBe(post.frameOfReferenceUid);
    expect(top.FrameOfReferenceUID).not.toBe(truth.frameOfReferenceUid);
    expect(top.SeriesInstanceUID).toBe(post.seriesInstanceUid);
    expect(top.SeriesInstanceUID).not.toBe(truth.phases[0]!.seriesInstanceUid);
    expect(top.StudyDate).toBe('20250415');
    expect(String(top.StudyDate) > String(pre.StudyDate)).toBe(true);
    expect(top.SeriesDescription).toBe('POST ABLATION Liver PV 2.5mm');
    expect(top.SeriesNumber).toBe(2);
    expect(top.AccessionNumber).not.toBe(pre.AccessionNumber);
    expect(top.PatientID).toBe(pre.PatientID);
    expect(top.PatientName).toEqual(pre.PatientName);
    expect(new Set(slices.map((d) => d.SOPInstanceUID)).size).toBe(slices.length);
    // The ground-truth SEG stays on the pre study.
    expect(readSeg(files.get(CASE_LAYOUT.segFile)!, preGrid).referencedSeriesInstanceUids).toEqual([
      truth.segReferencedSeriesInstanceUid,
    ]);
  });

  it('writes the plain axial post grid in the headers', () => {
    expect(post.grid.direction).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    const [nx, ny, nz] = post.grid.dims;
    for (const n of [1, nz]) {
      const ds = readInstance(files.get(`${post.folder}/IM${String(n).padStart(4, '0')}.dcm`)!);
      const k = nz - n;
      expect(ds.ImagePositionPatient).toEqual([
        post.grid.origin[0],
        post.grid.origin[1],
        post.grid.origin[2] + k * 2.5,
      ]);
      expect(ds.ImageOrientationPatient).toEqual([1, 0, 0, 0, 1, 0]);
      expect([ds.Rows, ds.Columns]).toEqual([ny, nx]);
      expect(ds.PixelSpacing).toEqual([post.grid.spacing[1], post.grid.spacing[0]]);
    }
  });

  it('gives landmarks that map back to the known motion', () => {
    const pre = post.landmarks.map((l) => l.preLps);
    const moved = post.landmarks.map((l) => l.postLps);
    expect(post.landmarks.length).toBeGreaterThanOrEqual(5);
    for (const l of post.landmarks) {
      expect(inside(preGrid, l.preLps), l.name).toBe(true);
      expect(inside(post.grid, l.postLps), l.name).toBe(true);
    }
    const reg = registerLandmarks(pre, moved);
    expect(reg.rmsMm).toBeLessThan(0.01);
    reg.matrix.forEach((v, n) => expect(v, `element ${n}`).toBeCloseTo(post.postToPreMatrix[n]!, 3));
    // The motion is not trivial: about 4 degrees and 23 mm.
    const m = post.postToPreMatrix;
    expect((Math.acos((m[0]! + m[5]! + m[10]! - 1) / 2) * 180) / Math.PI).toBeCloseTo(Math.hypot(4, 2), 0);
    expect(Math.hypot(m[3]!, m[7]!, m[11]!)).toBeGreaterThan(20);
  });

  it('shows each landmark tissue where the truth puts it, in both studies', () => {
    const tissues = new Map(anatomicalLandmarks().map((l) => [l.name, l.tissue]));
    for (const l of post.landmarks) {
      const expected = pv[tissues.get(l.name)!];
      expect(Math.abs(meanHu(preHu, preGrid, l.preLps) - expected), `pre ${l.name}`).toBeLessThan(20);
      expect(Math.abs(meanHu(postHu, post.grid, l.postLps) - expected), `post ${l.name}`).toBeLessThan(20);
    }
  });

  it('post HU at p matches pre portal-venous HU at postToPre . p away from the ablation', () => {
    const points: Vec3[] = [truth.liverSeedLps, [15, 51, -60], [92, 62, 20], [-70, 20, 20], [-60, 90, -60]];
    for (const preP of points) {
      const postP = applyTransform(preToPost, preP);
      expect(applyTransform(post.postToPreMatrix, postP).map((v) => Math.round(v * 1e6) / 1e6)).toEqual(preP);
      const a = meanHu(preHu, preGrid, preP);
      const b = meanHu(postHu, post.grid, postP);
      expect(Math.abs(a - b), `at pre ${preP.join(',')}: ${a} vs ${b}`).toBeLessThan(12);
    }
  });

  it('shows a non-enhancing zone where the lesion was', () => {
    const zone = post.zone;
    expect(meanHu(postHu, post.grid, zone.centrePostLps)).toBeCloseTo(pv.ablationZone, -1);
    const lesion = truth.lesions[0]!.centreLps;
    expect(meanHu(preHu, preGrid, lesion)).toBeCloseTo(pv.lesion, -1);
    expect(meanHu(postHu, post.grid, applyTransform(preToPost, lesion))).toBeCloseTo(pv.ablationZone, -1);
    expect(zone.volumeMlPost).toBeCloseTo(zone.volumeMlPre, -1);
    // A 20 x 18 x 18 mm ellipsoid: 27.1 mL.
    expect(zone.volumeMlPre).toBeCloseTo(((4 / 3) * Math.PI * 20 * 18 * 18) / 1000, 0);
  });

  it('expects a positive margin under the 5 mm target, which the images reproduce', () => {
    const want = post.expectedMargin;
    expect(want.mamMm).toBeGreaterThan(1.5);
    expect(want.mamMm).toBeLessThan(5);
    expect(want.coveragePercent).toBe(100);
    expect(want.percentBelow0).toBe(0);
    expect(want.percentBelow5).toBeGreaterThan(0);
    // The confirmation workflow, done the plain way: threshold the smoothed post image around
    // the zone, carry the mask into the pre frame, measure against the SEG's tumour and liver.
    const zonePost = thresholdZone(post.grid, post.zone.centrePostLps);
    const zonePre = resampleLabelmap({ grid: moveGrid(post.grid, post.postToPreMatrix), data: zonePost }, preGrid).data;
    const seg = readSeg(files.get(CASE_LAYOUT.segFile)!, preGrid);
    const lesion = truth.lesions[0]!;
    const got = computeMargin(seg.masks[lesion.segmentNumber - 1]!.data, zonePre, preGrid, {
      liver: seg.masks[0]!.data,
    });
    expect(Math.abs(got.mamMm - want.mamMm)).toBeLessThan(1.5);
    expect(Math.abs(got.medianMm - want.medianMm)).toBeLessThan(1);
    expect(got.coveragePercent).toBe(100);
  });
});

/** Voxels within 30 mm of the zone centre whose 3x3x3 mean HU lies between 0 and 75. */
function thresholdZone(grid: Grid, centre: Vec3): Uint8Array {
  const [nx, ny, nz] = grid.dims;
  const out = new Uint8Array(voxelCount(grid));
  const c = patientToIndex(grid, centre);
  const r = [30 / grid.spacing[0], 30 / grid.spacing[1], 30 / grid.spacing[2]];
  for (let k = Math.max(1, Math.floor(c[2] - r[2]!)); k <= Math.min(nz - 2, Math.ceil(c[2] + r[2]!)); k++)
    for (let j = Math.max(1, Math.floor(c[1] - r[1]!)); j <= Math.min(ny - 2, Math.ceil(c[1] + r[1]!)); j++)
      for (let i = Math.max(1, Math.floor(c[0] - r[0]!)); i <= Math.min(nx - 2, Math.ceil(c[0] + r[0]!)); i++) {
        const p: Vec3 = [
          grid.origin[0] + i * grid.spacing[0],
          grid.origin[1] + j * grid.spacing[1],
          grid.origin[2] + k * grid.spacing[2],
        ];
        if (Math.hypot(p[0] - centre[0], p[1] - centre[1], p[2] - centre[2]) > 30) continue;
        const hu = meanHu(postHu, grid, p);
        if (hu > 0 && hu < 75) out[i + nx * (j + ny * k)] = 1;
      }
  return out;
}
