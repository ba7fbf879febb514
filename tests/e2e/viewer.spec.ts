import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeSeries } from '../../shared/dicom/makeSeries';
import { presetRange, WL_PRESETS } from '../../shared/viewer/wlPresets';
import { startPreview, type PreviewHost } from '../host/previewHost';
import { openFolderInViewer } from '../host/uiActions';
import { canvasStats } from './canvasPixels';

/**
 * Three phases of one frame of reference with deliberately different slice
 * grids (2.5 mm from z=-40, 5 mm from z=-40, 3 mm from z=-37), so following
 * by slice index would land the phases at different patient positions.
 */
const N = 64;
const PHASES = [
  { description: 'ARTERIAL 2.5mm', seriesNumber: 3, sliceStep: 2.5, slices: 40, z0: -40, liver: 90 },
  { description: 'PORTAL VENOUS 5mm', seriesNumber: 4, sliceStep: 5, slices: 20, z0: -40, liver: 130 },
  { description: 'DELAYED 3mm', seriesNumber: 5, sliceStep: 3, slices: 32, z0: -37, liver: 110 },
];

/** A body ellipse with a round 'liver' and a bright lesion, in HU (intercept -1024). */
function phantom(liver: number, zOf: (k: number) => number) {
  return (i: number, j: number, k: number) => {
    const x = (i - N / 2) * 4;
    const y = (j - N / 2) * 4;
    const z = zOf(k);
    const body = (x / 120) ** 2 + (y / 95) ** 2 < 1;
    const inLiver = Math.hypot(x + 40, y + 10, z) < 60;
    const lesion = Math.hypot(x + 50, y + 5, z - 5) < 15;
    const hu = !body ? -1000 : lesion ? 220 : inLiver ? liver : 40;
    return hu + 1024;
  };
}

let host: PreviewHost;
let folder: string;

test.beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'liverplan-viewer-e2e-'));
  for (const p of PHASES) {
    const dir = join(folder, `series${p.seriesNumber}`);
    mkdirSync(dir);
    const files = makeSeries({
      rows: N,
      columns: N,
      slices: p.slices,
      pixelSpacing: [4, 4],
      sliceStep: p.sliceStep,
      origin: [-N * 2, -N * 2, p.z0],
      description: p.description,
      seriesNumber: p.seriesNumber,
      uidRoot: '2.25.77001',
      rescaleIntercept: -1024,
      signed: false,
      value: phantom(p.liver, (k) => p.z0 + k * p.sliceStep),
    });
    for (const f of files) writeFileSync(join(dir, f.name), f.bytes);
  }
  host = await startPreview();
});

test.afterAll(async () => {
  await host?.close();
  rmSync(folder, { recursive: true, force: true });
});

const focalZ = async (page: Page, id: string) =>
  Number((await page.getByTestId(`viewport-${id}`).getAttribute('data-focal-point'))!.split(',')[2]);

test('opens three phases side by side, synced by patient position, with W/L presets', async () => {
  const { page } = host;
  // Start > Open folder; a folder with one study opens straight in the viewer.
  await openFolderInViewer(host, folder);
  await expect(page.getByTestId('viewer')).toBeVisible();
  const t0 = Date.now();

  // Labels in hanging order.
  await expect(page.getByTestId('phase-label')).toHaveText(['Arterial', 'Portal venous', 'Delayed']);
  // Regular orthogonal stacks: the shown grid is the acquired one, nothing to say (gridNote.spec covers tilt).
  await expect(page.getByTestId('grid-note')).toHaveCount(0);
  // First image of the first phase on screen (overlay reads the camera once a volume is on the viewport).
  await expect(page.getByTestId('viewport-phase-0').getByTestId('slice-position')).not.toHaveText('', {
    timeout: 20_000,
  });
  // The measure is taken when the first decoded slice reaches the viewport, which may trail the overlay.
  const firstImage = () =>
    page.evaluate(() => performance.getEntriesByName('liverplan-viewer-first-image')[0]?.duration ?? -1);
  await expect.poll(firstImage).toBeGreaterThan(0);
  const firstImageMs = await firstImage();
  expect(Date.now() - t0).toBeLessThan(20_000);
  await expect(page.getByTestId('viewer-progress')).toBeHidden({ timeout: 60_000 });
  // The host decoded the voxels (/slices/): the page neither fetched nor parsed a DICOM file.
  expect(host.requests.filter((u) => u.includes('/slices/')).length).toBeGreaterThan(1);
  expect(host.requests.filter((u) => u.includes('/files/'))).toEqual([]);
  for (const n of [0, 1, 2])
    await expect(page.getByTestId(`viewport-phase-${n}`).getByTestId('slice-position')).not.toHaveText('');
  await page.waitForTimeout(500);
  for (const n of [0, 1, 2]) {
    const s = await canvasStats(page, `[data-testid="viewport-phase-${n}"]`);
    expect(s.nonBlack, `phase ${n} shows an image`).toBeGreaterThan(s.width * s.height * 0.1);
    expect(s.distinctGreys).toBeGreaterThan(3);
  }
  await expect(page.getByTestId('viewport-phase-0').getByTestId('edge-right')).toHaveText('L');
  await expect(page.getByTestId('viewport-phase-0').getByTestId('edge-left')).toHaveText('R');
  await page.screenshot({ path: 'test-results/viewer-phases.png' });

  // Scroll the arterial phase with the wheel: the others follow to the same patient z.
  const z0 = await focalZ(page, 'phase-0');
  await page.getByTestId('viewport-phase-0').hover();
  for (let n = 0; n < 6; n++) {
    await page.mouse.wheel(0, 100);
    await page.waitForTimeout(60);
  }
  await expect.poll(() => focalZ(page, 'phase-0')).not.toBeCloseTo(z0, 1);
  const z = await focalZ(page, 'phase-0');
  await expect.poll(() => focalZ(page, 'phase-1')).toBeCloseTo(z, 3);
  await expect.poll(() => focalZ(page, 'phase-2')).toBeCloseTo(z, 3);
  const labels = await page.getByTestId('slice-position').allTextContents();
  expect(new Set(labels).size).toBe(1);
  await page.screenshot({ path: 'test-results/viewer-scrolled.png' });

  // Key 2 = liver window: the VOI of the active viewport changes to it, and W/L sync carries it.
  const liver = presetRange(WL_PRESETS.find((p) => p.id === 'liver')!);
  await page.keyboard.press('2');
  for (const n of [0, 1, 2]) {
    await expect(page.getByTestId(`viewport-phase-${n}`)).toHaveAttribute(
      'data-voi',
      `${liver.lower.toFixed(2)},${liver.upper.toFixed(2)}`,
    );
  }
  await expect(page.getByTestId('viewport-phase-0').getByTestId('window-level')).toHaveText('W 150 L 30');
  await page.screenshot({ path: 'test-results/viewer-liver-window.png' });

  // Invert, then back.
  await page.keyboard.press('i');
  await expect(page.getByTestId('viewport-phase-0')).toHaveAttribute('data-invert', '1');
  await page.keyboard.press('i');
  await expect(page.getByTestId('viewport-phase-0')).toHaveAttribute('data-invert', '0');

  // Cine moves through the slices; the other phases keep following.
  const zc = await focalZ(page, 'phase-0');
  await page.keyboard.press('c');
  await expect.poll(() => focalZ(page, 'phase-0')).not.toBeCloseTo(zc, 1);
  await page.keyboard.press('c');
  await page.waitForTimeout(300);
  const zs = await focalZ(page, 'phase-0');
  await expect.poll(() => focalZ(page, 'phase-1')).toBeCloseTo(zs, 3);

  // Help overlay lists the bindings.
  await page.keyboard.press('?');
  await expect(page.getByTestId('viewer-help')).toContainText('Liver window');
  await page.screenshot({ path: 'test-results/viewer-help.png' });
  await page.keyboard.press('?');
  await expect(page.getByTestId('viewer-help')).toBeHidden();

  // MPR of the active phase.
  await page.keyboard.press('m');
  await expect(page.getByTestId('phase-label')).toHaveText([
    'Arterial · axial',
    'Arterial · coronal',
    'Arterial · sagittal',
  ]);
  await expect(page.getByTestId('viewport-mpr-coronal').getByTestId('edge-right')).toHaveText('L');
  await expect(page.getByTestId('viewport-mpr-coronal').locator('.edge.top')).toHaveText('S');
  await expect(page.getByTestId('viewport-mpr-sagittal').getByTestId('edge-left')).toHaveText('A');
  await page.waitForTimeout(500);
  await page.screenshot({ path: 'test-results/viewer-mpr.png' });

  // One viewport, then 3D of the active phase beside its axial view.
  await page.keyboard.press('o');
  await expect(page.getByTestId('phase-label')).toHaveText(['Arterial']);
  await page.keyboard.press('v');
  await expect(page.getByTestId('phase-label')).toHaveText(['Arterial', 'Arterial · 3D']);
  await expect
    .poll(async () => (await canvasStats(page, '[data-testid="viewport-vr-3d"]')).nonBlack, { timeout: 60_000 })
    .toBeGreaterThan(1000);
  await page.screenshot({ path: 'test-results/viewer-3d.png' });

  console.log(`viewer e2e: first image ${firstImageMs.toFixed(0)} ms after the study was opened`);
  expect(host.errors.filter((e) => !/favicon/.test(e))).toEqual([]);
  expect(
    host.requests.filter((u) => !u.startsWith(host.url) && !u.startsWith('blob:') && !u.startsWith('data:')),
  ).toEqual([]);
});
