import { expect, test, type Page } from '@playwright/test';
import { dirname, join } from 'node:path';
import { startPreview, type PreviewHost } from '../host/previewHost';
import { findSampleTruth, SAMPLE_CACHE } from '../host/sampleTruth';
import { openSampleThroughUi } from '../host/uiActions';
import { portalVenousPane, screenPointOf } from '../host/viewportPoints';

/**
 * Issue 16 point 2: a margin measured in the Ablation workspace reaches its lesion's ablation
 * rule in Plan (matched by the lesion's stable id, the segment number), and renaming the lesion
 * afterwards changes nothing. Solitary-ablation sample, truth SEG imported (fast and exact).
 */
let host: PreviewHost;
const SETTING = 'emprint-100w-10min';

test.beforeAll(async () => {
  host = await startPreview({ viewport: { width: 1600, height: 1000 }, sampleCacheDir: SAMPLE_CACHE });
});
test.afterAll(async () => {
  await host?.close();
});

async function fill(page: Page, label: string, value: string) {
  await page.getByLabel(label, { exact: true }).fill(value);
}

test('an Ablation margin reaches its lesion rule in Plan and survives renaming the lesion', async () => {
  test.setTimeout(300_000);
  const { page } = host;
  await openSampleThroughUi(host, 'solitary-ablation');
  const truth = findSampleTruth(SAMPLE_CACHE, 'solitary-ablation');
  const lesion = truth.lesions[0]!;
  const { truthFile } = await page.evaluate(() =>
    (
      window as unknown as { liverplan: { invoke(c: string, r: unknown): Promise<{ truthFile: string }> } }
    ).liverplan.invoke('samples:open', { jobId: 'truth', name: 'solitary-ablation' }),
  );
  await page.click('role=tab[name="Segment"]');
  await expect(portalVenousPane(page).getByTestId('slice-position')).not.toBeEmpty({ timeout: 120_000 });
  await expect(page.getByTestId('pane-progress')).toHaveCount(0, { timeout: 120_000 });
  host.setPickFile(() => join(dirname(truthFile), 'seg.dcm'));
  await page.getByTestId('import-labels').click();
  await expect(page.locator('.notice.success:has-text("Imported")')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('liver-incl-ml')).toBeVisible({ timeout: 120_000 });

  // Ablation: one applicator whose zone (48 x 42 mm, centred 19 mm behind the tip) covers the lesion.
  await page.click('role=tab[name="Ablation"]');
  await expect(page.getByTestId('pane-progress')).toHaveCount(0, { timeout: 120_000 });
  await page.getByTestId('device-select').selectOption(SETTING);
  await expect(page.getByTestId('tumour-0')).toBeVisible({ timeout: 60_000 });
  const [x, y, z] = lesion.centreLps;
  await page.getByTestId('place-applicator').click();
  const tip = await screenPointOf(page, [x + 19, y, z]);
  await page.mouse.click(tip.x, tip.y);
  const entry = await screenPointOf(page, [x - 50, y, z]);
  await page.mouse.click(entry.x, entry.y);
  await expect(page.getByTestId('mam-0')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('ablation-analysis')).toHaveAttribute('data-busy', 'false', { timeout: 120_000 });
  const mam = Number((await page.getByTestId('mam-0').textContent())!.replace(' mm', ''));
  expect(Number.isFinite(mam)).toBe(true);
  const shown = Math.round(mam * 10) / 10;

  // Plan: the measured margin lands on the lesion (by id) and on its ablation.margin rule.
  await page.getByRole('tab', { name: 'Plan' }).click();
  await fill(page, 'Height', '170');
  await fill(page, 'Weight', '70');
  await fill(page, 'Bilirubin', '0.8');
  await fill(page, 'Albumin', '4.0');
  await fill(page, 'INR', '1.0');
  await fill(page, 'Creatinine', '0.9');
  await page.getByRole('button', { name: 'Use volumes from segmentation' }).click();
  const marginField = page.locator('[aria-label$=" margin mm"]');
  await expect(marginField).toHaveCount(1);
  const id = (await marginField.getAttribute('aria-label'))!.replace(' margin mm', '');
  expect(id).toMatch(/^L\d+$/);
  await expect(marginField).toHaveValue(String(shown));
  await expect(page.getByTestId('origin-measured.lesions.0.minimalAblativeMarginMm')).toContainText('Ablation');
  // The lobe is not guessed without a lobe split: the form asks for it.
  const lobe = page.getByLabel(`${id} lobe`, { exact: true });
  await expect(lobe).toHaveValue('');
  await expect(lobe.locator('option', { hasText: /^caudate$/ })).toHaveCount(1);
  await lobe.selectOption('right');
  const rule = page.getByTestId('outcome').filter({ hasText: `${id}: Minimal margin ${shown} mm` });
  await expect(rule.first()).toBeVisible({ timeout: 30_000 });

  // Rename the lesion segment: the id, the margin and the rule stay; so does a refill.
  await page.click('role=tab[name="Segment"]');
  const name = page.getByLabel(`Name of segment ${id.slice(1)}`, { exact: true });
  await name.fill('Segment VII metastasis');
  await name.press('Enter');
  await expect(page.getByTestId(`segment-row-${id.slice(1)}`)).toHaveAttribute('data-name', 'Segment VII metastasis');
  await page.getByRole('tab', { name: 'Plan' }).click();
  await expect(page.getByLabel(`${id} margin mm`, { exact: true })).toHaveValue(String(shown));
  await page.getByRole('button', { name: 'Use volumes from segmentation' }).click();
  await expect(page.locator('[aria-label$=" margin mm"]')).toHaveCount(1);
  await expect(page.getByLabel(`${id} margin mm`, { exact: true })).toHaveValue(String(shown));
  await expect(page.getByLabel(`${id} lobe`, { exact: true })).toHaveValue('right');
  await expect(rule.first()).toBeVisible();
  expect(host.errors.filter((e) => !/favicon/.test(e))).toEqual([]);
});
