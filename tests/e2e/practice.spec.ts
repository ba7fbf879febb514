import { expect, test, type Page } from '@playwright/test';
import { startPreview, type PreviewHost } from '../host/previewHost';
import { findSampleTruth } from '../host/sampleTruth';
import { screenPointOf } from '../host/viewportPoints';

/**
 * Practice mode end to end on 'solitary-ablation': pick the liver task, open the case, segment
 * the liver with one click in the Segment tab, submit, read the scores and the debrief, see the
 * FP/FN overlay drawn in the viewports (pixel read-back), switch to the reference, then a Y-90
 * attempt; the progress chart lists both tasks. Screenshots go to test-results/practice.
 */
let host: PreviewHost;
const SHOTS = 'test-results/practice';
const SAMPLE = 'solitary-ablation';

test.beforeAll(async () => {
  host = await startPreview({ viewport: { width: 1600, height: 900 } });
});
test.afterAll(async () => {
  await host?.close();
});

const pane = (page: Page) => page.locator('[data-testid^="viewport-"][data-phase="portal_venous"]').first();

/** Pixels of the feedback colours per viewport canvas: red (false positive), blue (false negative), cyan (reference). */
async function overlayPixels(page: Page): Promise<{ phase: string; red: number; blue: number; cyan: number }[]> {
  return page.evaluate(() => {
    const canvases = [...document.querySelectorAll('[data-testid^="viewport-"] canvas')] as HTMLCanvasElement[];
    return canvases.map((canvas) => {
      let red = 0;
      let blue = 0;
      let cyan = 0;
      const copy = document.createElement('canvas');
      copy.width = canvas.width;
      copy.height = canvas.height;
      const ctx = copy.getContext('2d')!;
      ctx.drawImage(canvas, 0, 0);
      const { data } = ctx.getImageData(0, 0, copy.width, copy.height);
      for (let p = 0; p < data.length; p += 4) {
        const r = data[p]!;
        const g = data[p + 1]!;
        const b = data[p + 2]!;
        if (r > 150 && r > g + 80 && r > b + 80) red++;
        if (b > 150 && b > r + 80 && b > g + 20) blue++;
        if (g > 140 && b > 140 && r < g - 70) cyan++;
      }
      const phase = canvas.closest('[data-testid^="viewport-"]')?.getAttribute('data-phase') ?? '';
      return { phase, red, blue, cyan };
    });
  });
}

test('a full liver attempt: hidden reference, submit, scores, debrief, FP/FN overlay, history', async () => {
  test.setTimeout(900_000);
  const { page } = host;
  await page.click('role=tab[name="Practice"]');
  await expect(page.getByTestId('practice-workspace')).toBeVisible();
  await page.getByTestId('practice-sample').selectOption(SAMPLE);
  await expect(page.getByTestId('practice-task').locator('option')).not.toHaveCount(0, { timeout: 300_000 });
  await page.getByTestId('practice-task').selectOption('segment-liver');
  await expect(page.getByTestId('task-instructions')).toContainText('whole liver');
  // Nothing of the reference is on the page before submission.
  await expect(page.getByTestId('score-card')).toHaveCount(0);

  await page.getByTestId('practice-open').click();
  await page.waitForSelector('.notice:has-text("Imported"), .notice.error', { timeout: 300_000 });
  expect(await page.$('.notice.error')).toBeNull();
  const truth = findSampleTruth(host.userDataDir, SAMPLE);

  // The attempt: one liver-seed click in the Segment workspace.
  await page.click('role=tab[name="Segment"]');
  await expect(pane(page)).toBeVisible();
  await expect(page.getByTestId('pane-progress')).toHaveCount(0, { timeout: 240_000 });
  await page.getByTestId('tool-liver-seed').click();
  const seed = await screenPointOf(page, truth.liverSeedLps);
  await page.mouse.click(seed.x, seed.y);
  await expect(page.getByTestId('segment-row-1')).toHaveAttribute('data-name', 'Liver', { timeout: 240_000 });
  await expect(page.getByTestId('volume-ml-1')).toBeVisible({ timeout: 120_000 });
  await page.screenshot({ path: `${SHOTS}/1-attempt.png` });

  await page.click('role=tab[name="Practice"]');
  await page.getByTestId('practice-submit').click();
  await expect(page.getByTestId('score-card')).toBeVisible({ timeout: 240_000 });
  const dice = Number(await page.getByTestId('dice').textContent());
  const hd95 = Number(await page.getByTestId('hd95').textContent());
  const debrief = await page.getByTestId('debrief').innerText();
  console.log(`liver attempt: Dice ${dice}, HD95 ${hd95} mm\n${debrief}`);
  expect(dice).toBeGreaterThan(0.85);
  expect(dice).toBeLessThanOrEqual(1);
  expect(hd95).toBeGreaterThanOrEqual(0);
  expect(debrief).toMatch(/Liver: Dice 0\.\d{3}, HD95/);
  expect(debrief).toMatch(
    /Largest (miss|excess): \d+\.\d mL near LPS \(-?\d+, -?\d+, -?\d+\), slices? [SI] \d+\.\d mm/,
  );

  // On every view: the least-coloured of the three phase panes still shows the errors.
  await expect
    .poll(async () => Math.min(...(await overlayPixels(page)).map((c) => c.red + c.blue)), { timeout: 60_000 })
    .toBeGreaterThan(20);
  expect((await overlayPixels(page)).length).toBeGreaterThanOrEqual(3);
  const errors = await overlayPixels(page);
  console.log(`overlay pixels (errors): ${JSON.stringify(errors)}`);
  await page.screenshot({ path: `${SHOTS}/2-errors.png` });

  await page.getByTestId('overlay-reference').click();
  await expect
    .poll(async () => Math.min(...(await overlayPixels(page)).map((c) => c.cyan)), { timeout: 60_000 })
    .toBeGreaterThan(500);
  await page.screenshot({ path: `${SHOTS}/3-reference.png` });
  // Side by side: the attempt alone on its own (portal venous) pane, the reference on the others.
  await page.getByTestId('overlay-beside').click();
  const cyanOf = async (inPv: boolean) =>
    (await overlayPixels(page)).filter((c) => (c.phase === 'portal_venous') === inPv).map((c) => c.cyan);
  await expect.poll(async () => Math.min(...(await cyanOf(false)))).toBeGreaterThan(500);
  await expect.poll(async () => Math.max(...(await cyanOf(true)))).toBe(0);
  await page.screenshot({ path: `${SHOTS}/3b-beside.png` });
  await page.getByTestId('overlay-off').click();
  await expect.poll(async () => Math.max(...(await overlayPixels(page)).map((c) => c.cyan + c.blue))).toBe(0);

  // A dosimetry attempt, then the history holds both tasks with a chart each.
  await page.getByTestId('practice-task').selectOption('y90-activity:bsa-lsf12');
  await page.getByTestId('practice-activity').fill('1.5');
  await page.getByTestId('practice-submit').click();
  await expect(page.getByTestId('dosimetry-score')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('debrief')).toContainText('reference');
  await expect(page.getByTestId('progress-chart-segment-liver')).toHaveAttribute('data-points', '1');
  await expect(page.getByTestId('progress-chart-y90-activity:bsa-lsf12')).toHaveAttribute('data-points', '1');
  await expect(page.getByTestId('attempt-list').locator('li')).toHaveCount(2);
  await page.screenshot({ path: `${SHOTS}/4-history.png` });
  const pageErrors = host.errors.filter((e) => !/favicon/.test(e));
  if (pageErrors.length) console.log(`page errors: ${pageErrors.join('\n')}`);
  expect(pageErrors).toEqual([]);
});
