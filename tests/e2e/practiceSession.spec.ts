import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeSeries } from '../../shared/dicom/makeSeries';
import { startPreview, type PreviewHost } from '../host/previewHost';
import { SAMPLE_CACHE } from '../host/sampleTruth';
import { openFolderInViewer } from '../host/uiActions';

/**
 * Issue 19, point 6: practice runs in its own session. With a patient's case open and a segment
 * painted, the Practice tab shows no trace of that patient (no viewer, no segments) and keeps
 * Submit disabled until the practice case is open; opening it saves and puts the patient's case
 * aside, and "Return to" brings it back with its segment and voxels as they were.
 */
let host: PreviewHost;
let folder: string;
const SHOTS = join(tmpdir(), 'lp19-shots');
const SAMPLE = 'solitary-ablation';

test.beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  folder = mkdtempSync(join(tmpdir(), 'liverplan-practice-session-'));
  const dir = join(folder, 'series');
  mkdirSync(dir);
  const files = makeSeries({
    rows: 64,
    columns: 64,
    slices: 24,
    pixelSpacing: [4, 4],
    sliceStep: 5,
    description: 'Abdomen PV',
    seriesNumber: 3,
    uidRoot: '2.25.77020',
    rescaleIntercept: -1024,
    value: (i, j) => (Math.hypot(i - 32, j - 32) < 24 ? 1024 + 60 : 24),
  });
  for (const f of files) writeFileSync(join(dir, f.name), f.bytes);
  host = await startPreview({ viewport: { width: 1400, height: 900 }, sampleCacheDir: SAMPLE_CACHE });
});

test.afterAll(async () => {
  await host?.close();
  rmSync(folder, { recursive: true, force: true });
});

/** Paints a stroke through the middle of the first viewport with the brush (one segment, some voxels). */
async function paintStroke(page: Page): Promise<void> {
  const box = (await page.locator('[data-testid^="viewport-"] .viewer-element').first().boundingBox())!;
  await page.getByTestId('tool-brush').click();
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.4, y);
  await page.mouse.down();
  for (let n = 1; n <= 10; n++) await page.mouse.move(box.x + box.width * (0.4 + 0.02 * n), y);
  await page.mouse.up();
}

test('practice shows only the practice case, and the patient case comes back unchanged', async () => {
  test.setTimeout(600_000);
  const { page } = host;

  // The patient's case: one series, a Liver segment with a painted stroke.
  await openFolderInViewer(host, folder);
  await page.click('role=tab[name="Segment"]');
  await expect(page.getByTestId('pane-progress')).toHaveCount(0, { timeout: 120_000 });
  await expect(page.locator('[data-testid^="viewport-"]').first()).not.toHaveAttribute('data-slice', '', {
    timeout: 60_000,
  });
  await page.getByTestId('segment-template').selectOption('liver');
  await page.getByTestId('add-segment').click();
  await expect(page.getByTestId('segment-row-1')).toHaveAttribute('data-name', 'Liver');
  await paintStroke(page);
  await expect(page.getByTestId('volume-ml-1')).toBeVisible({ timeout: 60_000 });
  // The figures of the whole stroke: statistics recompute after the last edit settles.
  await page.waitForTimeout(1000);
  await expect(page.getByTestId('segment-stats')).toHaveAttribute('data-busy', '0', { timeout: 60_000 });
  const ml = Number(await page.getByTestId('volume-ml-1').textContent());
  expect(ml).toBeGreaterThan(0);

  // Practice before its case is open: no viewer, no patient, nothing to submit.
  await page.click('role=tab[name="Practice"]');
  const practice = page.getByTestId('practice-workspace');
  await page.getByTestId('practice-sample').selectOption(SAMPLE);
  await expect(page.getByTestId('practice-task').locator('option')).not.toHaveCount(0, { timeout: 300_000 });
  await page.getByTestId('practice-task').selectOption('segment-liver');
  await expect(page.getByTestId('practice-closed')).toBeVisible();
  await expect(practice.getByTestId('viewer')).toHaveCount(0);
  await expect(practice.locator('[data-testid^="viewport-"]')).toHaveCount(0);
  await expect(practice).not.toContainText('TEST-001');
  await expect(page.getByTestId('practice-submit')).toBeDisabled();
  await expect(page.getByTestId('practice-segment')).toBeDisabled();
  await page.screenshot({ path: join(SHOTS, 'practice-before-open.png') });

  // The practice case opens in Practice; the patient's case is put aside, by name.
  await page.getByTestId('practice-open').click();
  await expect(practice.getByTestId('viewer')).toBeVisible({ timeout: 300_000 });
  await expect(page.getByTestId('practice-aside')).toContainText(/Test,? Fixture \(\d{4}-\d{2}-\d{2}\)/);
  await expect(page.getByTestId('practice-submit')).toBeEnabled({ timeout: 60_000 });
  await expect(practice.locator('[data-testid^="viewport-"]').first()).toContainText('LPS-0001', {
    timeout: 120_000,
  });
  await expect(practice).not.toContainText('TEST-001');
  await page.screenshot({ path: join(SHOTS, 'practice-open.png') });

  // Segment now holds the practice case alone: none of the patient's segments.
  await page.click('role=tab[name="Segment"]');
  await expect(page.locator('[data-testid^="viewport-"]').first()).toContainText('LPS-0001');
  await expect(page.locator('[data-testid^="segment-row-"]')).toHaveCount(0);

  // Return: the patient's case reopens from its save, with the segment and its voxels.
  await page.click('role=tab[name="Practice"]');
  await page.getByTestId('practice-return').click();
  await expect(page.getByTestId('workspace-view')).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('[data-testid^="viewport-"]').first()).toContainText('TEST-001', { timeout: 60_000 });
  await page.click('role=tab[name="Segment"]');
  await expect(page.getByTestId('segment-row-1')).toHaveAttribute('data-name', 'Liver', { timeout: 120_000 });
  await expect(page.getByTestId('volume-ml-1')).toHaveText(ml.toFixed(1), { timeout: 120_000 });
  await expect(page.locator('[data-testid^="segment-row-"]')).toHaveCount(1);

  // Back in Practice, nothing of the patient shows and the practice case is closed.
  await page.click('role=tab[name="Practice"]');
  await expect(page.getByTestId('practice-closed')).toBeVisible();
  await expect(page.getByTestId('practice-aside')).toHaveCount(0);
  await expect(page.getByTestId('practice-submit')).toBeDisabled();
  const pageErrors = host.errors.filter((e) => !/favicon/.test(e));
  expect(pageErrors).toEqual([]);
});
