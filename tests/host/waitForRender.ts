import type { Page } from 'playwright-core';

/** What still keeps the page from a finished picture, per visible viewport (empty when done). */
export interface RenderState {
  pending: string[];
  failed: string[];
  viewports: string[];
}

/**
 * Reads the page once: the study load bar, every visible viewport's load overlay and whether
 * its canvas holds a picture yet, the Segment statistics' "updating" and Practice's "preparing". Cornerstone draws each
 * viewport into its own 2D canvas, so a copy of it tells an empty (black) viewport from a
 * rendered one; a CT slice through a patient is never all black.
 */
export function renderState(page: Page): Promise<RenderState> {
  // No named functions inside: tsx's keepNames would wrap them in a __name the page lacks.
  return page.evaluate(() => {
    const pending: string[] = [];
    const failed: string[] = [];
    const viewports: string[] = [];
    const bar = document.querySelector('[data-testid="viewer-progress"]');
    if (bar && bar.getBoundingClientRect().width > 0) pending.push(`study: ${bar.textContent?.trim() ?? 'loading'}`);
    for (const pane of document.querySelectorAll('.viewer-pane[data-testid^="viewport-"]')) {
      const box = pane.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const id = pane.getAttribute('data-testid')!;
      viewports.push(id);
      const progress = pane.querySelector('[data-testid="pane-progress"]');
      const text = progress?.textContent?.trim() ?? '';
      if (progress && text.startsWith('Failed')) {
        failed.push(`${id}: ${text}`);
        continue;
      }
      if (progress) {
        pending.push(`${id}: ${text}`);
        continue;
      }
      const canvas = pane.querySelector('canvas');
      if (!canvas || canvas.width === 0 || canvas.height === 0) {
        pending.push(`${id}: no canvas yet`);
        continue;
      }
      const copy = document.createElement('canvas');
      copy.width = canvas.width;
      copy.height = canvas.height;
      const ctx = copy.getContext('2d')!;
      ctx.drawImage(canvas, 0, 0);
      const { data } = ctx.getImageData(0, 0, copy.width, copy.height);
      let lit = 0;
      for (let p = 0; p < data.length; p += 4 * 7) if (data[p]! + data[p + 1]! + data[p + 2]! > 24) lit++;
      if (lit < 50) pending.push(`${id}: black`);
    }
    // Practice preparing its sample case or scoring: the panel is not in its final state yet.
    const practice = document.querySelector('[data-testid="practice-busy"]');
    if (practice) pending.push(`practice: ${practice.textContent?.trim() ?? 'busy'}`);
    const stats = document.querySelector('[data-testid="segment-stats"][data-busy="1"]');
    if (stats && stats.getBoundingClientRect().width > 0) pending.push('statistics: updating');
    return { pending, failed, viewports };
  });
}

/**
 * Waits until every visible viewport has loaded and drawn its picture (twice in a row, two
 * animation frames apart, so a layout that recreates its viewports cannot pass in between).
 * Resolves with what still was not done at the deadline (empty = all rendered), never throws
 * for a slow page: the caller decides what a timeout means.
 */
export async function waitForRender(page: Page, timeoutMs = 180_000): Promise<RenderState> {
  const deadline = Date.now() + timeoutMs;
  let passes = 0;
  for (;;) {
    const state = await renderState(page);
    if (state.failed.length) return state;
    passes = state.pending.length ? 0 : passes + 1;
    if (passes >= 2 || Date.now() > deadline) return state;
    await page.evaluate(
      () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 100)))),
    );
  }
}
