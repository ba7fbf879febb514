import { expect, type Locator, type Page } from '@playwright/test';

/** The portal venous pane of the viewer (where the case labelmap lives). */
export const portalVenousPane = (page: Page): Locator =>
  page.locator('[data-testid^="viewport-"][data-phase="portal_venous"]').first();

/** Moves the mouse to (x, y) and reads the LPS position the app shows under the pointer. */
export async function cursorAt(page: Page, x: number, y: number): Promise<number[]> {
  await page.mouse.move(x, y);
  await expect(page.getByTestId('cursor-lps')).not.toHaveAttribute('data-lps', '');
  return (await page.getByTestId('cursor-lps').getAttribute('data-lps'))!.split(',').map(Number);
}

/**
 * Scrolls `pane` to the slice holding `lps` (by wheel, as a user does) and
 * returns the screen point over it, solved from the cursor read-out at three
 * points (parallel projection), so tests click where the truth says without
 * knowing the viewport's camera.
 */
export async function screenPointOf(
  page: Page,
  lps: number[],
  pane: Locator = portalVenousPane(page),
): Promise<{ x: number; y: number }> {
  const box = (await pane.locator('.viewer-element').boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  // A pane that shows no slice counter has no volume on it yet: a wheel there would be lost.
  await expect(pane).not.toHaveAttribute('data-slice', '', { timeout: 120_000 });
  const focalZ = async () => Number((await pane.getAttribute('data-focal-point'))!.split(',')[2]);
  for (let n = 0; n < 200; n++) {
    const z = await focalZ();
    if (Math.abs(z - lps[2]!) <= 1.25) break;
    await page.mouse.move(cx, cy);
    // Which wheel direction moves towards S depends on the view, so probe and correct.
    await wheelUntilMoved(page, z > lps[2]! ? 100 : -100, focalZ, z);
    const z2 = await focalZ();
    if (Math.abs(z2 - lps[2]!) > Math.abs(z - lps[2]!)) await page.mouse.wheel(0, z > lps[2]! ? -200 : 200);
  }
  const p0 = await cursorAt(page, cx, cy);
  const px = await cursorAt(page, cx + 100, cy);
  const py = await cursorAt(page, cx, cy + 100);
  // Solve lps.xy = p0 + u*(px-p0)/100 + v*(py-p0)/100 for the screen offsets (u, v).
  const a = (px[0]! - p0[0]!) / 100;
  const b = (py[0]! - p0[0]!) / 100;
  const c = (px[1]! - p0[1]!) / 100;
  const d = (py[1]! - p0[1]!) / 100;
  const rx = lps[0]! - p0[0]!;
  const ry = lps[1]! - p0[1]!;
  const det = a * d - b * c;
  return { x: cx + (d * rx - b * ry) / det, y: cy + (a * ry - c * rx) / det };
}

/**
 * One wheel step, repeated if the view has not moved after a few seconds: on a loaded machine
 * the first wheel event right after the volumes finish loading has been seen to go nowhere
 * (logged when it happens, so it stays visible); a user would scroll again too.
 */
async function wheelUntilMoved(page: Page, dy: number, focalZ: () => Promise<number>, from: number): Promise<void> {
  for (let attempt = 1; attempt <= 5; attempt++) {
    await page.mouse.wheel(0, dy);
    const moved = await expect
      .poll(focalZ, { timeout: 5_000 })
      .not.toBe(from)
      .then(
        () => true,
        () => false,
      );
    if (moved) return;
    console.log(`wheel step ${attempt} left the view at ${from} mm; scrolling again`);
  }
  throw new Error(`five wheel steps did not move the view from ${from} mm`);
}
