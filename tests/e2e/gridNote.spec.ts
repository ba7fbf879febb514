import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../cli/main';
import { makeSeries } from '../../shared/dicom/makeSeries';
import { AXIAL_DIRECTION, type Grid, type Vec3 } from '../../shared/volume/grid';
import { encodeNifti } from '../../shared/volume/nifti';
import { resampleScalar } from '../../shared/volume/resample';
import { startPreview, type PreviewHost } from '../host/previewHost';
import { openFolderInViewer } from '../host/uiActions';
import { loadCrop3mm, realCtAvailable } from '../testing/realCt';

/**
 * Series that are not a regular grid: a gantry-tilted CT, a CT whose slice step changes from 2 to
 * 5 mm, and a real abdominal CT (../shared/data/real-ct) acquired again through a 15° tilt. The
 * viewport says it shows and measures the resampled grid, and a label file imported in the
 * Segment workspace gives the voxels, volume and HU that `liverplan volumetry` gives.
 */
const N = 48;
let host: PreviewHost;
let folder: string;

interface Written {
  dir: string;
  labels: string;
}

const inBall = (x: number, y: number, z: number) => Math.hypot(x - 4, y + 6, z - 10) <= 9;

/** Labels from another tool on its own 1 mm axial grid: label 1, a 9 mm ball at (4, -6, 10) LPS. */
function writeBallLabels(): string {
  const grid: Grid = { dims: [64, 64, 40], spacing: [1, 1, 1], origin: [-32, -32, -5], direction: AXIAL_DIRECTION };
  const data = new Uint8Array(64 * 64 * 40);
  for (let k = 0; k < 40; k++)
    for (let j = 0; j < 64; j++)
      for (let i = 0; i < 64; i++) if (inBall(-32 + i, -32 + j, -5 + k)) data[i + 64 * (j + 64 * k)] = 1;
  const path = join(folder, 'ball.nii.gz');
  writeFileSync(path, encodeNifti({ grid, data }, { gzip: true }));
  return path;
}

/** A phantom CT of the ball (120 HU in 0 HU) on axial slices at the given steps, sheared per slice. */
function writeBallSeries(name: string, steps: number[], shearPerSlice: number, uidRoot: string): Written {
  const dir = join(folder, name);
  mkdirSync(dir);
  const zs = steps.reduce((z, s) => [...z, z[z.length - 1]! + s], [0]);
  const files = makeSeries({
    rows: N,
    columns: N,
    slices: zs.length,
    pixelSpacing: [4, 4],
    sliceStep: steps,
    shearPerSlice,
    origin: [-N * 2, -N * 2, 0],
    description: `PORTAL VENOUS ${name.toUpperCase()}`,
    seriesNumber: 4,
    uidRoot,
    rescaleIntercept: -1024,
    signed: false,
    value: (i, j, k) => 1024 + (inBall(-N * 2 + i * 4, -N * 2 + shearPerSlice * k + j * 4, zs[k]!) ? 120 : 0),
  });
  for (const f of files) writeFileSync(join(dir, f.name), f.bytes);
  return { dir, labels: writeBallLabels() };
}

/**
 * The real 3 mm abdominal CT as a scanner with a 15° gantry tilt would have stored it: 2.5 mm
 * axial slices, each one's pixel grid shifted along the columns by tan(15°) x its distance, every
 * pixel sampled (trilinear) from the CT at its own patient position. Labels: TotalSegmentator's
 * liver of that CT, on the CT's own grid, as another tool would hand them over.
 */
function writeTiltedRealCt(): Written {
  const dir = join(folder, 'real-tilted');
  mkdirSync(dir);
  const ct = loadCrop3mm();
  const [cols, rows, px, step] = [148, 124, 2.5, 2.5];
  const zs = Array.from({ length: 34 }, (_, k) => 96 + k * step);
  const shearPerSlice = Math.tan((15 * Math.PI) / 180) * step;
  const origin: Vec3 = [-185, -320, zs[0]!];
  const slices = zs.map((z, k) => {
    const grid: Grid = {
      dims: [cols, rows, 1],
      spacing: [px, px, step],
      origin: [origin[0], origin[1] + shearPerSlice * k, z],
      direction: AXIAL_DIRECTION,
    };
    return resampleScalar(ct.image, grid, -1024).data;
  });
  const files = makeSeries({
    rows,
    columns: cols,
    slices: zs.length,
    pixelSpacing: [px, px],
    sliceStep: step,
    shearPerSlice,
    origin,
    description: 'PORTAL VENOUS REAL CT TILTED',
    seriesNumber: 5,
    uidRoot: '2.25.77014',
    rescaleIntercept: -1024,
    signed: true,
    value: (i, j, k) => Math.round(slices[k]![i + cols * j]!) + 1024,
  });
  for (const f of files) writeFileSync(join(dir, f.name), f.bytes);
  const labels = join(folder, 'real-liver.nii.gz');
  writeFileSync(labels, encodeNifti({ grid: ct.image.grid, data: ct.liver }, { gzip: true }));
  return { dir, labels };
}

async function cliFigures(w: Written) {
  let out = '';
  const stream = { write: (s: string) => void (out += s) };
  expect(await main(['volumetry', '--image', w.dir, '--labels', w.labels, '--json'], stream, stream)).toBe(0);
  return (JSON.parse(out) as { segments: { voxels: number; volumeMl: number; hu: { mean: number } }[] }).segments[0]!;
}

async function openFolder(page: Page, dir: string) {
  await openFolderInViewer(host, dir);
  await expect(page.getByTestId('viewer')).toBeVisible();
}

test.beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'liverplan-gridnote-e2e-'));
  host = await startPreview({ viewport: { width: 1600, height: 900 } });
});

test.afterAll(async () => {
  await host?.close();
  rmSync(folder, { recursive: true, force: true });
});

const series: { name: string; write: () => Written; note: string | RegExp; skip?: boolean; mpr?: boolean }[] = [
  {
    name: 'tilted',
    write: () => writeBallSeries('tilted', Array(40).fill(0.8), Math.tan((12 * Math.PI) / 180) * 0.8, '2.25.77012'),
    note: 'Resampled to 0.8 mm slices (gantry tilt 12°): shown and measured on this grid',
  },
  {
    name: 'uneven',
    write: () => writeBallSeries('uneven', [...Array(6).fill(2), ...Array(4).fill(5)], 0, '2.25.77013'),
    note: /^Non-uniform slices \(slice steps 2\/5 mm\) resampled to [\d.]+ mm: shown and measured on this grid$/,
  },
  {
    name: 'real-ct-tilted',
    write: writeTiltedRealCt,
    note: 'Resampled to 2.5 mm slices (gantry tilt 15°): shown and measured on this grid',
    skip: !realCtAvailable(),
    mpr: true,
  },
];

for (const s of series) {
  test(`a ${s.name} series is shown and measured on the CLI's resampled grid`, async () => {
    test.skip(Boolean(s.skip), 'real CT not present beside the checkout');
    test.setTimeout(240_000);
    const { page } = host;
    const written = s.write();
    const cli = await cliFigures(written);
    await openFolder(page, written.dir);
    const note = page.getByTestId('viewport-phase-0').getByTestId('grid-note');
    await expect(note).toHaveText(s.note, { timeout: 60_000 });
    await expect(page.getByTestId('viewport-phase-0').getByTestId('slice-position')).not.toBeEmpty({
      timeout: 60_000,
    });
    await page.screenshot({ path: `test-results/viewer-grid-note-${s.name}.png` });
    if (s.mpr) {
      // Sagittal and coronal show the anatomy upright: a stack shown as stored would lean by the tilt.
      await page.getByRole('button', { name: 'MPR', exact: true }).click();
      await expect(page.getByTestId('viewport-mpr-sagittal').getByTestId('grid-note')).toHaveText(s.note);
      await page.waitForTimeout(500);
      await page.screenshot({ path: `test-results/viewer-grid-note-${s.name}-mpr.png` });
      await page.getByRole('button', { name: 'Phases', exact: true }).click();
    }

    // The same label file through Import SEG / NIfTI…: the panel counts the CLI's voxels.
    await page.click('role=tab[name="Segment"]');
    await expect(page.getByTestId('pane-progress')).toHaveCount(0, { timeout: 60_000 });
    host.setPickFile(() => written.labels);
    // A new study opens a new case: no segment row until the import lands.
    await expect(page.getByTestId('stats-1')).toHaveCount(0, { timeout: 60_000 });
    await page.getByTestId('import-labels').click();
    await expect(page.getByTestId('segment-stats')).toHaveAttribute('data-busy', '0', { timeout: 60_000 });
    const row = page.getByTestId('stats-1');
    await expect(row.locator('td').nth(2)).toHaveText(String(cli.voxels), { timeout: 60_000 });
    const voxels = await row.locator('td').nth(2).textContent();
    const ml = Number(await page.getByTestId('volume-ml-1').textContent());
    const hu = Number(
      (await page.getByTestId('hu-phase-1').locator('xpath=following-sibling::td[1]').textContent())!.split('±')[0],
    );
    console.log(
      `${s.name}: app ${voxels} voxels, ${ml} mL, ${hu} HU; CLI ${cli.voxels} voxels, ${cli.volumeMl} mL, ${cli.hu.mean} HU`,
    );
    // The panel shows one decimal of mL and whole HU: equal to the CLI's figures at that precision.
    expect(Math.abs(ml - cli.volumeMl)).toBeLessThanOrEqual(0.05 + 1e-9);
    expect(Math.abs(hu - cli.hu.mean)).toBeLessThanOrEqual(0.55);
    await page.screenshot({ path: `test-results/segment-grid-note-${s.name}.png` });
  });
}
