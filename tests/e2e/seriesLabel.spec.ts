import { expect, test } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeSeries } from '../../shared/dicom/makeSeries';
import { startPreview, type PreviewHost } from '../host/previewHost';
import { openFolderInViewer } from '../host/uiActions';

// Issue 19, point 5: a series whose phase is unknown is named by modality, number and
// description, never "unknown 0%" or "Series 0 · #0", and the phase explains itself on hover.
let host: PreviewHost;
let folder: string;

test.beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'liverplan-serieslabel-e2e-'));
  const dir = join(folder, 'series');
  mkdirSync(dir);
  // No description, no contrast tags or timing: nothing says which phase this is.
  const files = makeSeries({
    rows: 48,
    columns: 48,
    slices: 24,
    pixelSpacing: [4, 4],
    sliceStep: 5,
    description: '',
    seriesNumber: 0,
    uidRoot: '2.25.77019',
    rescaleIntercept: -1024,
    value: (i, j) => (Math.hypot(i - 24, j - 24) < 18 ? 1024 + 60 : 24),
  });
  for (const f of files) writeFileSync(join(dir, f.name), f.bytes);
  host = await startPreview({ viewport: { width: 1200, height: 800 } });
});

test.afterAll(async () => {
  await host?.close();
  rmSync(folder, { recursive: true, force: true });
});

test('a series without a phase is named by modality, number and description, with the phase explained', async () => {
  const { page } = host;
  await openFolderInViewer(host, folder);
  await expect(page.getByTestId('viewer')).toBeVisible();
  await expect(page.getByTestId('pane-progress')).toHaveCount(0, { timeout: 120_000 });

  const title = page.getByTestId('phase-label').first();
  await expect(title).toHaveText('CT · no series number · no description');
  await expect(title).toHaveAttribute('title', /^Phase not recognised: .+ Set the phase in the study browser/);
  await expect(page.getByTestId('series-identity').first()).toHaveText('Phase not recognised');
  const overlay = await page.locator('.viewer-overlay').first().innerText();
  expect(overlay).not.toMatch(/Series 0|#0|unknown|0%/);
  await page.screenshot({ path: '/tmp/lp19-shots/series-unknown-phase.png' });

  // The MPR layout keeps the orientation after the series name.
  await page.getByRole('button', { name: 'MPR' }).click();
  await expect(page.getByTestId('phase-label')).toHaveText([
    'CT · no series number · no description · axial',
    'CT · no series number · no description · coronal',
    'CT · no series number · no description · sagittal',
  ]);
});

test('the study browser names the series and never shows a bare "unknown 0%"', async () => {
  const { page } = host;
  await page.click('role=tab[name="Start"]');
  const row = page.getByTestId('series-row').first();
  await expect(row).toBeVisible();
  // Number, description and modality in their columns, in words where the headers are empty.
  await expect(row.locator('td').nth(0)).toHaveText('—');
  await expect(row.locator('td').nth(1)).toContainText('no description');
  await expect(row.locator('td').nth(2)).toHaveText('CT');
  const phase = row.getByTestId('series-phase');
  await expect(phase).toHaveValue('unknown');
  await expect(phase.locator('option:checked')).toHaveText('not recognised');
  // No confidence for a phase that was not recognised; the cell explains on hover.
  await expect(row.getByTestId('phase-confidence')).toHaveCount(0);
  await expect(phase.locator('xpath=..')).toHaveAttribute('title', /^Phase not recognised: /);
  const visible = (await row.innerText()).replace(/\s+/g, ' ');
  expect(visible).not.toMatch(/\bunknown\b|\b0%|#0/);
  // Patient and study for people: no carets, ISO date, never raw DICOM.
  const tree = page.getByTestId('study-tree');
  await expect(tree.locator('.patient-name').first()).toHaveText(/^Test,? Fixture \(ID TEST-001\)$/);
  await expect(tree.locator('.study-head').first()).toContainText('2026-01-01');
  expect(await tree.innerText()).not.toMatch(/\^|20260101|\(\)/);
  await page.screenshot({ path: '/tmp/lp19-shots/study-browser-unknown-phase.png' });

  // Set by the user: no automatic confidence, and the tooltip says who set it.
  await phase.selectOption('portal_venous');
  await expect(phase.locator('xpath=..')).toHaveAttribute('title', 'Phase set by the user.');
  await expect(row.getByTestId('phase-confidence')).toHaveCount(0);
});
