import { expect, test, type Page } from '@playwright/test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { screenPointOf } from '../host/viewportPoints';
import { startPreview, type PreviewHost } from '../host/previewHost';
import { findSampleTruth, SAMPLE_CACHE } from '../host/sampleTruth';
import { openSampleThroughUi, segmentLiverAndLesionThroughUi } from '../host/uiActions';

/**
 * Ablation workspace end to end on the 'solitary-ablation' sample: the lesion segmented by one
 * click (Segment tab), then on the Ablation tab a device setting chosen, the tip and entry
 * clicked on the portal venous view at patient positions from the truth (tip beyond the lesion
 * centre so the zone centres on it), the path drawn on every view, and coverage and minimal
 * margin read from the panel. Screen positions come from the cursor readout (parallel
 * projection: three probes give the exact LPS <-> screen map of a slice).
 */
let host: PreviewHost;
/** Outside test-results: a concurrent Playwright run elsewhere in the tree empties that folder. */
const SHOTS = join(tmpdir(), 'liverplan-e2e-shots', 'ablation');
const SETTING = 'emprint-100w-10min';

test.beforeAll(async () => {
  host = await startPreview({ viewport: { width: 1600, height: 900 }, sampleCacheDir: SAMPLE_CACHE });
});
test.afterAll(async () => {
  await host?.close();
});

const pane = (page: Page) => page.locator('[data-testid^="viewport-"][data-phase="portal_venous"]');

test('places an applicator on the solitary lesion and reads coverage and margin', async () => {
  test.setTimeout(600_000);
  const { page } = host;
  await openSampleThroughUi(host, 'solitary-ablation');
  const truth = findSampleTruth(SAMPLE_CACHE, 'solitary-ablation');
  const lesion = truth.lesions[0]!;

  // The tumour segment the analysis needs (the liver first: the lesion tool grows within it, and
  // it gives the margin its subcapsular exclusion).
  const lesionLabel = await segmentLiverAndLesionThroughUi(page, truth);
  const lesionMl = await page.getByTestId(`volume-ml-${lesionLabel}`).textContent();
  console.log(`lesion segmented by one click: ${lesionMl} mL (truth ${lesion.volumeMl.toFixed(1)} mL)`);

  await page.click('role=tab[name="Ablation"]');
  await expect(page.getByTestId('ablation-workspace')).toBeVisible();
  await expect(pane(page)).toBeVisible();
  await expect(page.getByTestId('pane-progress')).toHaveCount(0, { timeout: 120_000 });
  await expect(page.getByTestId('device-select').locator(`option[value="${SETTING}"]`)).toHaveCount(1);
  await page.getByTestId('device-select').selectOption(SETTING);
  // Before any applicator: the tumour is listed without a margin.
  await expect(page.getByTestId('tumour-0')).toBeVisible({ timeout: 120_000 });

  // Path along patient left-right in the lesion's axial plane; the Emprint 100 W 10 min zone
  // (48 x 42 mm, 5 mm beyond the tip) centres 19 mm behind the tip.
  const [x, y, z] = lesion.centreLps;
  const tipLps = [x + 19, y, z];
  const entryLps = [x - 50, y, z];
  await page.getByTestId('place-applicator').click();
  await expect(page.getByTestId('placing-prompt')).toHaveAttribute('data-point', 'tip');
  const tip = await screenPointOf(page, tipLps);
  await page.mouse.click(tip.x, tip.y);
  await expect(page.getByTestId('placing-prompt')).toHaveAttribute('data-point', 'entry');
  const entry = await screenPointOf(page, entryLps);
  await page.mouse.click(entry.x, entry.y);
  await expect(page.getByTestId('applicator-0')).toBeVisible();

  const depth = Number(await page.getByTestId('applicator-depth-0').textContent());
  expect(Math.abs(depth - 69)).toBeLessThan(3);
  // The path is drawn on every view that shows an image.
  const overlays = page.locator('[data-testid^="trajectory-"]');
  expect(await overlays.count()).toBeGreaterThan(1);
  for (const o of await overlays.all()) await expect(o).toHaveAttribute('data-paths', '1');

  await expect(page.getByTestId('coverage-0')).toBeVisible({ timeout: 180_000 });
  await expect(page.getByTestId('ablation-analysis')).toHaveAttribute('data-busy', 'false', { timeout: 180_000 });
  const coverage = Number((await page.getByTestId('coverage-0').textContent())!.replace('%', ''));
  const mam = Number((await page.getByTestId('mam-0').textContent())!.replace(' mm', ''));
  console.log(
    `coverage ${coverage}%, minimal ablative margin ${mam} mm (ideal centred zone: ~${(42 / 2 - lesion.diameterMm / 2).toFixed(1)} mm)`,
  );
  expect(coverage).toBeGreaterThan(99);
  expect(mam).toBeGreaterThan(3);
  expect(mam).toBeLessThan(12);
  // One undo history: Ctrl+Z takes the placed applicator away (its zone and margins with it), and
  // Ctrl+Shift+Z puts it back with the same figures.
  await page.mouse.move(10, 10);
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('applicator-0')).toHaveCount(0);
  await expect(page.getByTestId('mam-0')).toHaveCount(0, { timeout: 180_000 });
  await page.keyboard.press('Control+Shift+z');
  await expect(page.getByTestId('applicator-0')).toBeVisible();
  await expect(page.getByTestId('mam-0')).toHaveText(`${mam.toFixed(1)} mm`, { timeout: 180_000 });
  await page.mouse.move(10, 10);
  await page.screenshot({ path: `${SHOTS}/1-planned.png` });

  // Tip moved back to the lesion centre: the zone (centred 19 mm behind the tip) now leaves the
  // far side of the tumour outside, flagged as residual unablated tumour.
  await page.getByTestId('applicator-0').getByText('Move tip').click();
  await expect(page.getByTestId('placing-prompt')).toHaveAttribute('data-point', 'tip');
  const centre = await screenPointOf(page, lesion.centreLps);
  await page.mouse.click(centre.x, centre.y);
  await expect(page.getByTestId('residual-0')).toBeVisible({ timeout: 180_000 });
  await expect(page.getByTestId('ablation-analysis')).toHaveAttribute('data-busy', 'false', { timeout: 180_000 });
  const coverage2 = Number((await page.getByTestId('coverage-0').textContent())!.replace('%', ''));
  const mam2 = Number((await page.getByTestId('mam-0').textContent())!.replace(' mm', ''));
  console.log(`tip at the lesion centre: coverage ${coverage2}%, minimal ablative margin ${mam2} mm`);
  expect(coverage2).toBeLessThan(coverage);
  expect(mam2).toBeLessThan(0);
  await page.mouse.move(10, 10);
  await page.screenshot({ path: `${SHOTS}/2-residual.png` });

  // The predicted zone becomes an editable segment of the case (one undo step).
  await page.getByTestId('zone-to-segment').click();
  await expect(page.locator('.notice:has-text("Predicted zone added as segment")')).toHaveCount(1);

  console.log('zone converted to a segment');
  // A user's own device setting joins the catalogue (stored under the user's data).
  // Notices sit over the bottom of the panel: close them so the form can be clicked.
  await page.locator('.notice button').evaluateAll((bs) => bs.forEach((b) => (b as HTMLButtonElement).click()));
  await page.getByText('Add my own device setting').click();
  const form = page.getByTestId('device-form');
  const fill: Record<string, string> = {
    id: 'my-mwa-80w-6min',
    device: 'Local MWA antenna',
    powerW: '80',
    timeMin: '6',
    longAxisMm: '40',
    shortAxisMm: '30',
    tipOffsetMm: '4',
    tissueModel: 'in vivo porcine liver',
    source: 'Department audit 2026',
  };
  for (const [name, value] of Object.entries(fill)) await form.locator(`[name="${name}"]`).fill(value);
  await form.getByRole('button', { name: 'Add' }).click();
  await expect(page.getByTestId('device-select').locator('option[value="my-mwa-80w-6min"]')).toHaveText(/\[mine\]/);

  console.log('user device added');
  // The path on the other views: MPR (coronal and sagittal show it along its length) and 3D.
  const toolbar = page.getByRole('toolbar', { name: 'Viewer' });
  await toolbar.getByRole('button', { name: 'MPR', exact: true }).click();
  await expect(page.locator('[data-testid^="trajectory-"]')).toHaveCount(3, { timeout: 60_000 });
  await page.waitForTimeout(1500);
  await page.mouse.move(10, 10);
  await page.screenshot({ path: `${SHOTS}/3-mpr.png` });
  await toolbar.getByRole('button', { name: '3D', exact: true }).click();
  await expect(page.locator('[data-testid="trajectory-vr-3d"]')).toHaveAttribute('data-paths', '1', {
    timeout: 120_000,
  });
  await expect(page.locator('[data-testid="trajectory-vr-3d"] polygon.zone-outline')).toHaveCount(1);
  await page.waitForTimeout(8000);
  await page.screenshot({ path: `${SHOTS}/4-3d.png` });
  expect(host.errors.filter((e) => !/favicon/.test(e))).toEqual([]);
});
