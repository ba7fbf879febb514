import { expect, test } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeSeries } from '../../shared/dicom/makeSeries';
import { startPreview, type PreviewHost } from '../host/previewHost';
import { openFolderInViewer } from '../host/uiActions';

/**
 * Issue 19, point 4: codes and developer text stay out of sight in the Segment panel. On a series
 * whose phase is unknown: the segment picker names segments without SNOMED codes (codes on
 * hover), no threshold preset claims a phase, the burden's rule-set source sits behind "Details",
 * and the HU table names the series, not "unknown".
 */
let host: PreviewHost;
let folder: string;
const SHOTS = join(tmpdir(), 'lp19-shots');

test.beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  folder = mkdtempSync(join(tmpdir(), 'liverplan-quiet-ids-'));
  const dir = join(folder, 'series');
  mkdirSync(dir);
  // Nothing in the headers says which phase this is.
  const files = makeSeries({
    rows: 64,
    columns: 64,
    slices: 24,
    pixelSpacing: [4, 4],
    sliceStep: 5,
    description: 'Abd 5mm',
    seriesNumber: 3,
    uidRoot: '2.25.77021',
    rescaleIntercept: -1024,
    value: (i, j) => (Math.hypot(i - 32, j - 32) < 24 ? 1024 + 60 : 24),
  });
  for (const f of files) writeFileSync(join(dir, f.name), f.bytes);
  host = await startPreview({ viewport: { width: 1400, height: 900 } });
});

test.afterAll(async () => {
  await host?.close();
  rmSync(folder, { recursive: true, force: true });
});

test('the Segment panel shows names, not codes, rule-set ids or a guessed phase', async () => {
  const { page } = host;
  await openFolderInViewer(host, folder);
  await page.click('role=tab[name="Segment"]');
  const pane = page.locator('[data-testid^="viewport-"]').first();
  await expect(pane).toHaveAttribute('data-phase', 'unknown');
  await expect(page.getByTestId('pane-progress')).toHaveCount(0, { timeout: 120_000 });
  await expect(pane).not.toHaveAttribute('data-slice', '', { timeout: 60_000 });

  // Segment picker: names only; the code is in the tooltip.
  const templates = await page.getByTestId('segment-template').locator('option').allTextContents();
  expect(templates).toContain('Liver');
  for (const t of templates) expect(t).not.toMatch(/SCT|\d{5,}|\(/);
  await page.getByTestId('segment-template').selectOption('liver');
  await expect(page.getByTestId('segment-template')).toHaveAttribute('title', /Liver \(SNOMED CT 10200004\)/);

  // Threshold presets: no phase named on a series of unknown phase; the tooltip says why.
  const presets = await page.getByTestId('threshold-preset').locator('option').allTextContents();
  expect(presets.length).toBeGreaterThan(3);
  for (const p of presets) expect(p).not.toMatch(/venous|arterial|\(/i);
  await page.getByTestId('threshold-preset').selectOption('liver-pv');
  await expect(page.getByTestId('threshold-preset')).toHaveAttribute(
    'title',
    /Meant for the portal venous phase; no open series is recognised as that phase/,
  );
  await expect(page.getByTestId('threshold-preset')).not.toHaveAttribute('title', /\[[VKU]\]/);

  // A liver segment with voxels: the burden line, its source behind Details.
  await page.getByTestId('add-segment').click();
  const box = (await pane.locator('.viewer-element').boundingBox())!;
  await page.getByTestId('tool-brush').click();
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.45, y);
  await page.mouse.down();
  for (let n = 1; n <= 6; n++) await page.mouse.move(box.x + box.width * (0.45 + 0.02 * n), y);
  await page.mouse.up();
  await expect(page.getByTestId('volume-ml-1')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('segment-stats')).toHaveAttribute('data-busy', '0', { timeout: 60_000 });
  await expect(page.getByTestId('hu-phase-1')).toHaveText('CT · series 3 · Abd 5mm');

  const panel = page.getByTestId('segment-panel');
  const visibleText = await panel.innerText();
  expect(visibleText).not.toMatch(/clinical-rules|\.md\b|@\d|measurement-defaults|SCT|SNOMED|\bunknown\b|\[[VKU]\]/);
  await page.screenshot({ path: join(SHOTS, 'segment-quiet.png') });

  // The source is one click away, for whoever asks.
  const details = page.getByTestId('burden-details');
  await expect(details).toHaveCount(1);
  await details.locator('summary').click();
  await expect(details).toContainText(/rule set \S+/);
  expect(host.errors.filter((e) => !/favicon/.test(e))).toEqual([]);
});
