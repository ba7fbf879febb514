import { expect, test } from '@playwright/test';
import { startPreview, type PreviewHost } from '../host/previewHost';
import { canvasStats } from './canvasPixels';

let host: PreviewHost;
test.beforeAll(async () => {
  host = await startPreview();
});
test.afterAll(async () => {
  await host?.close();
});

test('the app opens with the host API and its version', async () => {
  const { page } = host;
  await expect(page.getByTestId('workspace-start')).toBeVisible();
  await expect(page.getByTestId('app-info')).toContainText('LiverPlan 0.1.0');
  // The API is frozen and refuses channels outside the contract before sending.
  const refused = await page.evaluate(async () => {
    try {
      await (window as unknown as { liverplan: { invoke(c: string, r: unknown): Promise<unknown> } }).liverplan.invoke(
        'fs:readAnything',
        {},
      );
      return 'sent';
    } catch (e) {
      return String(e);
    }
  });
  expect(refused).toContain('Unknown channel');
  const invalid = await page.evaluate(async () => {
    try {
      await (window as unknown as { liverplan: { invoke(c: string, r: unknown): Promise<unknown> } }).liverplan.invoke(
        'job:cancel',
        { jobId: 42 },
      );
      return 'accepted';
    } catch (e) {
      return String(e);
    }
  });
  expect(invalid).toContain('Invalid request for job:cancel');
});

test('the start screen lists the bundled sample cases with a description each', async () => {
  const items = host.page.getByTestId('sample-list').getByRole('listitem');
  await expect(items).toHaveCount(4);
  await expect(items.first()).toContainText('25 mm');
  await expect(host.page.getByTestId('sample-bilobar-burden')).toBeVisible();
});

test('a Cornerstone3D volume viewport renders a generated volume', async () => {
  const { page } = host;
  await page.getByRole('button', { name: 'Display self-test' }).click();
  await expect(page.getByTestId('selftest-status')).toContainText('Display works', { timeout: 60_000 });
  await page.waitForTimeout(300);
  const stats = await canvasStats(page, '[data-testid="selftest-viewport"]');
  expect(stats.width).toBeGreaterThan(100);
  // Sphere (bright), cube (mid grey) and air (black) must all be on screen.
  expect(stats.nonBlack).toBeGreaterThan(stats.width * stats.height * 0.1);
  expect(stats.distinctGreys).toBeGreaterThanOrEqual(3);
  await page.screenshot({ path: 'test-results/selftest.png' });
  expect(host.errors.filter((e) => !/favicon/.test(e))).toEqual([]);
  expect(
    host.requests.filter((u) => !u.startsWith(host.url) && !u.startsWith('blob:') && !u.startsWith('data:')),
  ).toEqual([]);
});

test('the network is absent and the app works without it', async () => {
  const { page } = host;
  const outcome = await page.evaluate(async () => {
    try {
      await fetch('https://example.com/');
      return 'reached';
    } catch {
      return 'blocked';
    }
  });
  // Refused by the CSP (connect-src 'self') before any packet; the host's dead proxy backs it up.
  expect(outcome).toBe('blocked');
  await expect(page.getByTestId('selftest-status')).toContainText('Display works');
});
