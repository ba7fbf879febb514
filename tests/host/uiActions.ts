import type { PreviewHost } from './previewHost';

/**
 * Imports a folder the way a user does: Start > Open folder, the (preset)
 * folder dialog answers PATH, then waits for the study browser to list it.
 */
export async function openFolderThroughUi(host: PreviewHost, path: string): Promise<void> {
  host.setPickFolder(() => path);
  const { page } = host;
  await page.click('role=tab[name="Start"]');
  await page.click('[data-testid="open-folder"]');
  await page.waitForSelector('[data-testid="study-tree"] [data-testid="series-row"]', { timeout: 120_000 });
}
