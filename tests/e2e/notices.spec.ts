import { expect, test, type Locator, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPreview, type PreviewHost } from '../host/previewHost';
import { openSampleThroughUi } from '../host/uiActions';

// Issue 19, point 3: notices fade (errors stay), at most three, never over the viewport readouts,
// long paths shortened in the middle, and a history to look back.
let host: PreviewHost;
test.beforeAll(async () => {
  host = await startPreview({ viewport: { width: 1400, height: 900 } });
});
test.afterAll(async () => {
  await host?.close();
});

const box = async (l: Locator) => (await l.boundingBox())!;
function overlaps(a: { x: number; y: number; width: number; height: number }, b: typeof a): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** No notice and not the bar they sit in covers any W/L read-out or scale bar. */
async function expectReadoutsUncovered(page: Page) {
  const readouts = page.locator('[data-testid="window-level"], [data-testid="scale-bar"]');
  expect(await readouts.count()).toBeGreaterThan(0);
  const bar = await box(page.locator('.notices'));
  for (const r of await readouts.all()) expect(overlaps(await box(r), bar)).toBe(false);
}

/** A labels file that does not exist: loading it fails with an error notice. */
const longMissing = (n: number) => `/nonexistent/radiology-department/labels-${n}.nii.gz`;

async function failImport(page: Page, n: number) {
  host.setPickFile(() => longMissing(n));
  await page.getByTestId('import-labels').click();
}

test('notices fade or stay by kind, at most three, beside the viewer, with a history', async () => {
  const { page } = host;
  await openSampleThroughUi(host, 'solitary-ablation');
  const success = page.locator('.notice.success');
  await expect(success).toHaveCount(1);
  await page.screenshot({ path: '/tmp/lp19-shots/notices-success.png' });
  // The success fades by itself within seconds, while the case loads.
  await expect(success).toHaveCount(0, { timeout: 15_000 });
  await expect(page.getByTestId('pane-progress')).toHaveCount(0, { timeout: 240_000 });
  await expectReadoutsUncovered(page);

  await page.click('role=tab[name="Segment"]');

  // A success naming a long path: shortened in its middle, the full path on hover; the pointer
  // on the notice holds it, and it fades once the pointer leaves.
  const deep = join(
    mkdtempSync(join(tmpdir(), 'liverplan-notices-')),
    'radiology-department/incoming-studies/2024-11-07/patient-folder-with-a-long-name',
  );
  mkdirSync(deep, { recursive: true });
  const out = join(deep, 'liver-segmentation-final.nii.gz');
  host.setPickSavePath(() => out);
  await page.getByTestId('export-nifti').click();
  const exported = page.locator('.notice.success:has-text("Exported")');
  await exported.hover();
  const path = exported.locator('.notice-path').first();
  await expect(path).toHaveAttribute('title', out);
  const shown = (await path.textContent())!;
  expect(shown).toContain('…');
  expect(shown.length).toBeLessThan(out.length);
  expect(shown.endsWith('liver-segmentation-final.nii.gz')).toBe(true);
  await page.screenshot({ path: '/tmp/lp19-shots/notices-path.png' });
  await page.waitForTimeout(8_000);
  await expect(exported).toHaveCount(1);
  await page.mouse.move(5, 5);
  await expect(exported).toHaveCount(0, { timeout: 15_000 });

  for (const n of [1, 2, 3, 4]) {
    await failImport(page, n);
    await expect(page.locator('.notice.error')).toHaveCount(Math.min(n, 3));
  }
  // Four errors: three on screen, newest last, none fading.
  const errors = page.locator('.notice.error');
  await expect(errors.last()).toContainText('labels-4.nii.gz');
  await page.waitForTimeout(8_000);
  await expect(errors).toHaveCount(3);
  // Over the loaded case: still nothing over the read-outs.
  await expect(page.getByTestId('window-level').first()).toBeVisible();
  await expectReadoutsUncovered(page);
  await page.screenshot({ path: '/tmp/lp19-shots/notices-errors.png' });

  // The history holds them all, the faded success included.
  await page.getByRole('button', { name: /History/ }).click();
  const history = page.getByTestId('notice-history');
  await expect(history.locator('li')).toHaveCount(6);
  await expect(history.locator('li.success')).toHaveCount(2);
  await expect(history.locator('li.success').last()).toContainText('Imported');
  await page.screenshot({ path: '/tmp/lp19-shots/notices-history.png' });
  await history.getByRole('button', { name: 'Close' }).click();
  await expect(history).toHaveCount(0);

  // Dismissing the errors shows the one that was waiting; then none are left.
  await errors.first().getByRole('button', { name: 'Dismiss' }).click();
  await expect(errors).toHaveCount(3);
  for (let n = 3; n > 0; n--) {
    await errors.first().getByRole('button', { name: 'Dismiss' }).click();
    await expect(errors).toHaveCount(n - 1);
  }
});
