import { expect, type Page } from '@playwright/test';
import type { CaseTruth } from '../../shared/sample/truth';
import type { PreviewHost } from './previewHost';
import { portalVenousPane, screenPointOf } from './viewportPoints';

/**
 * Imports a folder the way a user does: Start > Open folder, the (preset)
 * folder dialog answers PATH; waits until the import has finished (a study
 * with one clear hanging opens in the viewer, as it does for a user).
 */
export async function openFolderThroughUi(host: PreviewHost, path: string): Promise<void> {
  host.setPickFolder(() => path);
  const { page } = host;
  await page.click('role=tab[name="Start"]');
  await page.click('[data-testid="open-folder"]');
  await page.waitForSelector('.notice:has-text("Imported"), .notice.error', { timeout: 120_000 });
  const error = await page.$('.notice.error:has-text("Import failed")');
  if (error) throw new Error(`Import failed in the UI: ${await error.textContent()}`);
}

/**
 * Start > Open folder of one study, which the app opens in the viewer itself once it is scanned.
 * Waiting for the viewer (hidden while Start is shown) rather than "the viewer or the study list":
 * the list shows for a moment before the study opens, and a click on its Open button then raced
 * the app's own opening.
 */
export async function openFolderInViewer(host: PreviewHost, path: string): Promise<void> {
  await openFolderThroughUi(host, path);
  await host.page.getByTestId('viewer').waitFor({ state: 'visible', timeout: 60_000 });
}

/** Start > Open sample case NAME; waits until the viewer shows it. */
export async function openSampleThroughUi(host: PreviewHost, name: string): Promise<void> {
  const { page } = host;
  await page.click('role=tab[name="Start"]');
  await page.click(`[data-testid="sample-${name}"]`);
  await page.waitForSelector('.notice:has-text("Imported"), .notice.error', { timeout: 180_000 });
  const error = await page.$('.notice.error');
  if (error) throw new Error(`Opening sample ${name} failed: ${await error.textContent()}`);
}

/**
 * Segment tab: the liver by one click on the truth's seed, then lesion `index` by one click on
 * its centre (portal venous pane). Resolves with the lesion's label once its volume is shown.
 */
export async function segmentLiverAndLesionThroughUi(page: Page, truth: CaseTruth, index = 0): Promise<string> {
  const pane = portalVenousPane(page);
  await page.click('role=tab[name="Segment"]');
  await expect(pane).toBeVisible();
  await expect(page.getByTestId('pane-progress')).toHaveCount(0, { timeout: 240_000 });
  await page.getByTestId('tool-liver-seed').click();
  const seed = await screenPointOf(page, truth.liverSeedLps);
  await page.mouse.click(seed.x, seed.y);
  await expect(page.locator('[data-testid^="segment-row-"][data-name="Liver"]')).toHaveCount(1, { timeout: 240_000 });
  await page.getByTestId('tool-lesion-click').click();
  const at = await screenPointOf(page, truth.lesions[index]!.centreLps);
  await page.mouse.click(at.x, at.y);
  const row = page.locator(`[data-testid^="segment-row-"][data-name="Lesion ${index + 1}"]`);
  await expect(row).toHaveCount(1, { timeout: 240_000 });
  const label = (await row.getAttribute('data-testid'))!.slice('segment-row-'.length);
  await expect(page.getByTestId(`volume-ml-${label}`)).toBeVisible({ timeout: 120_000 });
  await page.mouse.move(10, 10);
  await page.keyboard.press('Escape');
  return label;
}
