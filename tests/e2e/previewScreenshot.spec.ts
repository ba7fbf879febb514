import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { makeSeries } from '../../shared/dicom/makeSeries';
import { startPreview } from '../host/previewHost';
import { openFolderThroughUi } from '../host/uiActions';
import { renderState, waitForRender } from '../host/waitForRender';

/**
 * Issue 19, point 7: `npm run preview -- --screenshot` waits until every visible viewport has
 * loaded and drawn. Runs the command as a user does (Segment workspace, a series large enough to
 * take a while to load) and reads the PNG: the viewport shows the body, and no load bar (the
 * blue "Loading n/m" bar in the middle of the pane) is left in it.
 */
let folder: string;
const ROOT = resolve(import.meta.dirname, '../..');

test.beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'liverplan-preview-shot-'));
  const dir = join(folder, 'series');
  mkdirSync(dir);
  const files = makeSeries({
    rows: 256,
    columns: 256,
    slices: 120,
    pixelSpacing: [1.5, 1.5],
    sliceStep: 2.5,
    description: 'Abd PV 2.5mm',
    seriesNumber: 4,
    uidRoot: '2.25.77022',
    rescaleIntercept: -1024,
    value: (i, j) => (Math.hypot(i - 128, j - 128) < 100 ? 1024 + 60 + ((i * 7 + j * 3) % 40) : 24),
  });
  for (const f of files) writeFileSync(join(dir, f.name), f.bytes);
});

test.afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Lit and load-bar-blue pixels in the middle of the viewer area of a 1600x1000 screenshot. */
async function middleOfViewer(png: Buffer): Promise<{ lit: number; blue: number; total: number }> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  try {
    const page = await browser.newPage();
    return await page.evaluate(
      async (src) => {
        const img = new Image();
        img.src = src;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.width;
        c.height = img.height;
        const ctx = c.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        // The Segment viewer is the left ~3/4 below the toolbars; its load bar sits at its centre.
        const x0 = Math.round(img.width * 0.15);
        const x1 = Math.round(img.width * 0.55);
        const y0 = Math.round(img.height * 0.4);
        const y1 = Math.round(img.height * 0.8);
        const { data } = ctx.getImageData(x0, y0, x1 - x0, y1 - y0);
        let lit = 0;
        let blue = 0;
        for (let p = 0; p < data.length; p += 4) {
          const [r, g, b] = [data[p]!, data[p + 1]!, data[p + 2]!];
          if (r + g + b > 60) lit++;
          if (b > 180 && b > r + 60) blue++;
        }
        return { lit, blue, total: data.length / 4 };
      },
      `data:image/png;base64,${png.toString('base64')}`,
    );
  } finally {
    await browser.close();
  }
}

test('the preview screenshot of Segment waits for the viewport to load and draw', async () => {
  test.setTimeout(300_000);
  const png = join(folder, 'segment.png');
  const run = spawnSync(
    process.execPath,
    [
      join(ROOT, 'scripts/preview.mjs'),
      '--no-build',
      '--open',
      join(folder, 'series'),
      '--workspace',
      'Segment',
      '--screenshot',
      png,
      '--user-data',
      join(folder, 'user'),
    ],
    { cwd: ROOT, encoding: 'utf8', env: process.env, timeout: 280_000 },
  );
  console.log(run.stderr);
  expect(run.status).toBe(0);
  expect(run.stderr).toMatch(/preview: rendered viewport-\S+/);
  const m = await middleOfViewer(readFileSync(png));
  console.log(`middle of the viewer: ${JSON.stringify(m)}`);
  expect(m.lit / m.total).toBeGreaterThan(0.3);
  expect(m.blue).toBe(0);
});

test('waitForRender returns once the viewports are loaded and drawn, checked on the page itself', async () => {
  test.setTimeout(300_000);
  const host = await startPreview({ viewport: { width: 1600, height: 1000 }, userDataDir: join(folder, 'user2') });
  try {
    const { page } = host;
    await openFolderThroughUi(host, join(folder, 'series'));
    await page.click('role=tab[name="Segment"]');
    // What a screenshot taken now would catch (usually still loading; logged, not asserted: timing).
    console.log(`right after the workspace click: ${JSON.stringify(await renderState(page))}`);
    const state = await waitForRender(page, 240_000);
    expect(state.failed).toEqual([]);
    expect(state.pending).toEqual([]);
    expect(state.viewports).toEqual(['viewport-phase-0']);
    // Independently of renderState: no load bar, no pane overlay, and the canvas holds the body.
    await expect(page.getByTestId('viewer-progress')).toHaveCount(0, { timeout: 1 });
    await expect(page.getByTestId('pane-progress')).toHaveCount(0, { timeout: 1 });
    const canvas = page.locator('[data-testid="viewport-phase-0"] canvas').first();
    const lit = await canvas.evaluate((el: HTMLCanvasElement) => {
      const copy = document.createElement('canvas');
      copy.width = el.width;
      copy.height = el.height;
      const ctx = copy.getContext('2d')!;
      ctx.drawImage(el, 0, 0);
      const { data } = ctx.getImageData(0, 0, copy.width, copy.height);
      let n = 0;
      for (let p = 0; p < data.length; p += 4) if (data[p]! > 60) n++;
      return n / (data.length / 4);
    });
    expect(lit).toBeGreaterThan(0.2);
  } finally {
    await host.close();
  }
});

test('a bad --timeout is refused with a clear message', () => {
  const run = spawnSync(
    process.execPath,
    [join(ROOT, 'scripts/preview.mjs'), '--no-build', '--screenshot', '/dev/null', '--timeout', 'soon'],
    {
      cwd: ROOT,
      encoding: 'utf8',
      env: process.env,
      timeout: 60_000,
    },
  );
  expect(run.status).toBe(2);
  expect(run.stderr).toContain("--timeout takes seconds (a positive number), not 'soon'");
});
