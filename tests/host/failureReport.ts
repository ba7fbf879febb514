import type { PreviewHost } from './previewHost';

/** After a failed test: a screenshot, the notices on screen and the page's console errors. */
export async function reportFailure(host: PreviewHost | undefined, shotsDir: string): Promise<void> {
  if (!host) return;
  await host.page.screenshot({ path: `${shotsDir}/failed.png` }).catch(() => undefined);
  console.log('notices:', await host.page.locator('.notice').allTextContents());
  console.log('page errors:', host.errors);
}
