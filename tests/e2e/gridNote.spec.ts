import { expect, test } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeSeries } from '../../shared/dicom/makeSeries';
import { startPreview, type PreviewHost } from '../host/previewHost';

/** A gantry-tilted CT (0.8 mm slices, each shifted 0.17 mm along the columns: 12°) for the viewport's grid note. */
const N = 48;
let host: PreviewHost;
let folder: string;

test.beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'liverplan-gridnote-e2e-'));
  const dir = join(folder, 'tilted');
  mkdirSync(dir);
  const files = makeSeries({
    rows: N,
    columns: N,
    slices: 24,
    pixelSpacing: [4, 4],
    sliceStep: 0.8,
    shearPerSlice: Math.tan((12 * Math.PI) / 180) * 0.8,
    origin: [-N * 2, -N * 2, 0],
    description: 'PORTAL VENOUS TILTED',
    seriesNumber: 4,
    uidRoot: '2.25.77012',
    rescaleIntercept: -1024,
    signed: false,
    value: (i, j) => (Math.hypot(i - N / 2, j - N / 2) < N / 3 ? 1024 + 120 : 24),
  });
  for (const f of files) writeFileSync(join(dir, f.name), f.bytes);
  host = await startPreview();
});

test.afterAll(async () => {
  await host?.close();
  rmSync(folder, { recursive: true, force: true });
});

test('a tilted series says in the viewport which grid is shown and which one is measured', async () => {
  const { page } = host;
  host.setPickFolder(() => folder);
  await page.click('role=tab[name="Start"]');
  await page.click('[data-testid="open-folder"]');
  await page.getByTestId('viewer').or(page.getByTestId('open-study').first()).waitFor({ timeout: 60_000 });
  if (!(await page.getByTestId('viewer').isVisible())) await page.getByTestId('open-study').first().click();
  await expect(page.getByTestId('viewer')).toBeVisible();
  const note = page.getByTestId('viewport-phase-0').getByTestId('grid-note');
  await expect(note).toHaveText(
    'Acquired slices as stored (gantry tilt 12°), not resampled: measure on the 0.8 mm resampled grid (CLI)',
    { timeout: 30_000 },
  );
  await page.screenshot({ path: 'test-results/viewer-grid-note.png' });
});
