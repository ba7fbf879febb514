import { expect, test } from '@playwright/test';
import { startPreview, type PreviewHost } from '../host/previewHost';
import { SAMPLE_CACHE } from '../host/sampleTruth';

/**
 * Issue 17 point 7, the guarded first-image figure: with a sample case already materialised
 * (generation is a one-off, not part of opening), Start > Open sample case must put a rendered
 * slice on a viewport within 2 s of the click (the bench target is 1 s; 2 s leaves room for a
 * loaded CI machine). The clock runs in the page, from the click to the first Cornerstone render
 * whose viewport canvas holds a slice: lit pixels with the grey levels of anatomy, not the flat
 * block an empty volume draws, while the other slices may still be streaming in.
 */
const SAMPLE = 'heat-sink-gallbladder';
const LIMIT_MS = 2000;

/**
 * Page-side probe, as a string so the bundler adds nothing to it: a capture-phase click listener
 * on the sample's button starts the clock; every CORNERSTONE_IMAGE_RENDERED after the app has
 * decoded its first slice (a 'liverplan-first-slice-<series>' mark) reads that viewport's
 * canvas, scaled down to 64x64, and window.__firstImage then holds the times (ms after the
 * click). Reading pixels back waits for the GPU process, so the probe reads none while no slice
 * can be on screen yet: polling every frame cost the page seconds in software WebGL.
 */
const PROBE = `(() => {
  const w = window;
  w.__firstImage = null;
  const S = 64;
  const copy = document.createElement('canvas');
  copy.width = S;
  copy.height = S;
  const ctx = copy.getContext('2d', { willReadFrequently: true });
  document.addEventListener('click', (ev) => {
    const target = ev.target instanceof Element ? ev.target.closest('[data-testid="sample-${SAMPLE}"]') : null;
    if (!target || w.__firstImageClick !== undefined) return;
    w.__firstImageClick = performance.now();
  }, true);
  document.addEventListener('CORNERSTONE_IMAGE_RENDERED', (ev) => {
    const t0 = w.__firstImageClick;
    if (t0 === undefined || w.__firstImage) return;
    if (!performance.getEntriesByType('mark').some((m) => m.name.startsWith('liverplan-first-slice-'))) return;
    const pane = ev.target instanceof Element ? ev.target.closest('.viewer-pane[data-testid^="viewport-"]') : null;
    const canvas = pane && pane.querySelector('canvas');
    if (!canvas || canvas.width === 0 || canvas.height === 0) return;
    ctx.clearRect(0, 0, S, S);
    ctx.drawImage(canvas, 0, 0, S, S);
    const data = ctx.getImageData(0, 0, S, S).data;
    let lit = 0;
    const levels = new Set();
    for (let p = 0; p < data.length; p += 4) {
      const v = data[p] + data[p + 1] + data[p + 2];
      if (v > 24) {
        lit++;
        levels.add(v >> 2);
      }
    }
    if (lit < 50 || levels.size < 16) return;
    const open = performance.getEntriesByName('liverplan-viewer-open').at(-1);
    w.__firstImage = {
      litMs: performance.now() - t0,
      viewerOpenMs: open ? open.startTime - t0 : -1,
      pane: pane.getAttribute('data-testid'),
      levels: levels.size,
    };
  }, true);
})()`;

let host: PreviewHost;
test.beforeAll(async () => {
  test.setTimeout(300_000);
  host = await startPreview({ sampleCacheDir: SAMPLE_CACHE });
  // Materialise the sample now (a no-op when the cache holds it), so the open below is timed alone.
  await host.page.evaluate(
    (name) =>
      (window as unknown as { liverplan: { invoke(c: string, r: unknown): Promise<unknown> } }).liverplan.invoke(
        'samples:open',
        { jobId: 'first-image-warm-up', name },
      ),
    SAMPLE,
  );
});
test.afterAll(async () => {
  await host?.close();
});

// The guard issue 17 asks for. 2026-12-07 on the two-core reference machine, three runs in a row:
// 1.28-1.69 s from the click (import 0.36-0.70 s, since a small scan reads its headers in the
// calling thread; then 0.92-1.0 s to the first drawn slice). Before: 2.8-2.9 s, import 1.3-1.6 s.
// A timing on a shared CI machine can catch one slow moment, so one retry: it fails when two
// opens in a row miss the limit.
test.describe.configure({ retries: 1 });
test(`first image of sample ${SAMPLE} within ${LIMIT_MS / 1000} s of opening it`, async () => {
  test.setTimeout(40_000);
  const { page } = host;
  await page.click('role=tab[name="Start"]');
  await page.evaluate(PROBE);
  await page.click(`[data-testid="sample-${SAMPLE}"]`);
  // Wait past the limit so a slow open still reports its figure instead of a bare timeout.
  await page.waitForFunction(() => (window as unknown as { __firstImage: unknown }).__firstImage !== null, null, {
    timeout: 25_000,
  });
  const first = await page.evaluate(
    () => (window as unknown as { __firstImage: { litMs: number; viewerOpenMs: number; pane: string } }).__firstImage,
  );
  const appMeasure = await page.evaluate(
    () => performance.getEntriesByName('liverplan-viewer-first-image').at(-1)?.duration ?? -1,
  );
  console.log(
    `first image of ${SAMPLE}: ${first.litMs.toFixed(0)} ms from the click to a lit ${first.pane} ` +
      `(import ${first.viewerOpenMs.toFixed(0)} ms to the viewer opening; app measure viewer open to first image ` +
      `${appMeasure.toFixed(0)} ms); limit ${LIMIT_MS} ms`,
  );
  expect(first.litMs, 'ms from Open sample case to a rendered slice').toBeLessThanOrEqual(LIMIT_MS);
});
