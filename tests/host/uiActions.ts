import type { PreviewHost } from './previewHost';

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

/** Start > Open sample case NAME; waits until the viewer shows it. */
export async function openSampleThroughUi(host: PreviewHost, name: string): Promise<void> {
  const { page } = host;
  await page.click('role=tab[name="Start"]');
  await page.click(`[data-testid="sample-${name}"]`);
  await page.waitForSelector('.notice:has-text("Imported"), .notice.error', { timeout: 180_000 });
  const error = await page.$('.notice.error');
  if (error) throw new Error(`Opening sample ${name} failed: ${await error.textContent()}`);
}
