import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaseTruth } from '../../shared/sample/truth';
import { decodeNiftiLabelmap } from '../../shared/volume/nifti';
import { startPreview, type PreviewHost } from '../host/previewHost';
import { openSampleThroughUi } from '../host/uiActions';
import { portalVenousPane } from '../host/viewportPoints';

/**
 * Segment tab: import of the sample's own truth DICOM SEG (7 overlapping
 * segments) through Import SEG / NIfTI…, volumes against the truth, one-step
 * undo and redo, Export NIfTI… read back with shared/volume/nifti, and the
 * freehand fill tool drawing an outline with the mouse.
 */
let host: PreviewHost;
const SAMPLE_CACHE = process.env.LIVERPLAN_SAMPLE_CACHE ?? join(tmpdir(), 'liverplan-e2e-sample-cache');
const SHOTS = join(tmpdir(), 'liverplan-segment-import-shots');

test.beforeAll(async () => {
  host = await startPreview({ viewport: { width: 1600, height: 900 }, sampleCacheDir: SAMPLE_CACHE });
});
// eslint-disable-next-line no-empty-pattern
test.afterEach(async ({}, info) => {
  if (info.status === info.expectedStatus) return;
  await host.page.screenshot({ path: `${SHOTS}/failed.png` });
  console.log('notices:', await host.page.locator('.notice').allTextContents());
  console.log('panel:', await host.page.getByTestId('segment-panel').innerText());
});
test.afterAll(async () => {
  await host?.close();
});

/** truth/ of the newest generated copy of the sample (older generator versions may linger in the cache). */
function truthDir(): string {
  const found = readdirSync(SAMPLE_CACHE, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name === 'truth.json' && e.parentPath.includes('solitary-ablation'))
    .map((e) => e.parentPath)
    .sort((a, b) => Number(/-v(\d+)/.exec(b)?.[1] ?? 0) - Number(/-v(\d+)/.exec(a)?.[1] ?? 0));
  if (!found.length) throw new Error('truth.json of the sample not found');
  return found[0]!;
}

const num = async (page: Page, id: string) => Number((await page.getByTestId(id).textContent())!.replace('%', ''));
/** The voxel count column of a segment's statistics row. */
const voxelsOf = async (page: Page, label: number) =>
  Number(await page.getByTestId(`stats-${label}`).locator('td').nth(2).textContent());

test('imports a SEG into the case, undoes it, exports NIfTI and fills a freehand outline', async () => {
  test.setTimeout(600_000);
  const { page } = host;
  await openSampleThroughUi(host, 'solitary-ablation');
  const dir = truthDir();
  const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as CaseTruth;
  const segPath = join(dir, 'seg.dcm');
  await page.click('role=tab[name="Segment"]');
  await expect(portalVenousPane(page)).toBeVisible();
  // Loaded, not merely laid out: the pane shows a slice position and no phase is still loading.
  await expect(portalVenousPane(page).getByTestId('slice-position')).not.toBeEmpty({ timeout: 240_000 });
  await expect(page.getByTestId('pane-progress')).toHaveCount(0, { timeout: 240_000 });
  await expect(page.getByTestId('viewer-progress')).toHaveCount(0, { timeout: 240_000 });

  // Import: the (preset) file dialog answers the sample's truth SEG.
  host.setPickFile(() => segPath);
  await page.getByTestId('import-labels').click();
  const notice = page.locator('.notice.success:has-text("Imported 7 segments")');
  await expect(notice).toBeVisible({ timeout: 120_000 });
  console.log('notice:', await notice.textContent());
  await expect(notice).toContainText('later segment in the file kept them');
  const names = truth.segments.map((s) => s.name);
  for (const [n, name] of names.entries())
    await expect(page.getByTestId(`segment-row-${n + 1}`)).toHaveAttribute('data-name', name);
  await expect(page.getByTestId('liver-incl-ml')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('segment-stats')).toHaveAttribute('data-busy', '0', { timeout: 120_000 });
  await page.screenshot({ path: `${SHOTS}/1-imported.png` });

  // Liver incl. tumour against the truth, which counts the liver's intrahepatic vessels. The case
  // labelmap holds one segment per voxel, so those voxels belong to the vessel segments here; the
  // whole-liver figure gives back the vessel voxels the liver closes round (shared/volume/wholeLiver).
  const liverIncl = await num(page, 'liver-incl-ml');
  const given = await page.getByTestId('intrahepatic-vessel-ml').textContent();
  console.log(
    `liver incl. tumour ${liverIncl} mL (truth ${truth.liverVolumeMl.toFixed(1)} mL, its intrahepatic vessels included); panel: ${given}`,
  );
  expect(Math.abs(liverIncl - truth.liverVolumeMl) / truth.liverVolumeMl).toBeLessThan(0.005);
  expect(Number(/([\d.]+) mL/.exec(given ?? '')?.[1])).toBeGreaterThan(10);
  // The lesion is the last segment: it keeps every voxel of the truth.
  const lesion = truth.segments[truth.segments.length - 1]!;
  await expect.poll(() => voxelsOf(page, names.length)).toBe(lesion.voxels);

  // Undo takes the whole import back in one step; redo restores it.
  await page.mouse.move(5, 5);
  await page.keyboard.press('Control+z');
  await expect(page.locator('[data-testid^="segment-row-"]')).toHaveCount(0);
  await expect(page.getByTestId('liver-incl-ml')).toHaveCount(0, { timeout: 60_000 });
  await page.screenshot({ path: `${SHOTS}/2-undone.png` });
  await page.keyboard.press('Control+Shift+z');
  await expect(page.locator('[data-testid^="segment-row-"]')).toHaveCount(names.length);
  await expect.poll(() => num(page, 'liver-incl-ml'), { timeout: 60_000 }).toBeCloseTo(liverIncl, 1);

  // Export NIfTI: the written file holds the same voxel counts as the statistics panel.
  const out = join(mkdtempSync(join(tmpdir(), 'liverplan-nifti-export-')), 'case-labels.nii.gz');
  host.setPickSavePath(() => out);
  await page.getByTestId('export-nifti').click();
  await expect(page.locator('.notice.success:has-text("Exported")')).toBeVisible({ timeout: 60_000 });
  const written = decodeNiftiLabelmap(readFileSync(out));
  const counts = new Map<number, number>();
  for (const v of written.data) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  for (let label = 1; label <= names.length; label++) expect(counts.get(label)).toBe(await voxelsOf(page, label));
  const sidecar = JSON.parse(readFileSync(out.replace(/\.nii\.gz$/, '.json'), 'utf8')) as {
    labels: { name: string }[];
  };
  expect(sidecar.labels.map((l) => l.name)).toEqual(names);

  // A file that is no segmentation is refused with its reason and changes nothing.
  const ctFile = readdirSync(join(dir, '..', 'dicom'), { recursive: true, withFileTypes: true }).find((e) =>
    e.name.endsWith('.dcm'),
  )!;
  host.setPickFile(() => join(ctFile.parentPath, ctFile.name));
  await page.getByTestId('import-labels').click();
  await expect(page.locator('.notice.error:has-text("not a segmentation")')).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('[data-testid^="segment-row-"]')).toHaveCount(names.length);
  await page.screenshot({ path: `${SHOTS}/3-refused.png` });

  // Freehand fill: an outline drawn on the portal venous pane fills the active segment on that slice.
  const target = names.indexOf('Gallbladder') + 1;
  await page.getByTestId(`segment-row-${target}`).click();
  const before = await voxelsOf(page, target);
  await page.getByTestId('tool-freehand').click();
  const box = (await portalVenousPane(page).locator('.viewer-element').boundingBox())!;
  const cx = box.x + box.width * 0.42;
  const cy = box.y + box.height * 0.45;
  const r = Math.min(box.width, box.height) * 0.06;
  await page.mouse.move(cx + r, cy);
  await page.mouse.down();
  for (let n = 1; n <= 36; n++) {
    const a = (2 * Math.PI * n) / 36;
    await page.mouse.move(cx + r * Math.cos(a), cy + r * Math.sin(a), { steps: 2 });
    // Three quarters round: the outline is on screen, nothing filled yet (closing the loop completes it).
    if (n === 27) await page.screenshot({ path: `${SHOTS}/4-drawing.png` });
  }
  await page.mouse.up();
  await expect.poll(() => voxelsOf(page, target), { timeout: 60_000 }).toBeGreaterThan(before);
  const after = await voxelsOf(page, target);
  console.log(`freehand fill: gallbladder ${before} -> ${after} voxels`);
  await page.screenshot({ path: `${SHOTS}/5-freehand.png` });
  // One undo step removes the fill.
  await page.mouse.move(5, 5);
  await page.keyboard.press('Control+z');
  await expect.poll(() => voxelsOf(page, target), { timeout: 60_000 }).toBe(before);
  expect(host.errors.filter((e) => !/favicon/.test(e))).toEqual([]);
});
