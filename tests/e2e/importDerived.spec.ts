import { expect, test } from '@playwright/test';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeSeries } from '../../shared/dicom/makeSeries';
import {
  makePdfFor,
  makeRtstructFor,
  makeSegFor,
  makeSrFor,
  type SeriesRef,
} from '../../shared/dicom/testing/makeDerived';
import type { Grid } from '../../shared/volume/grid';
import { startPreview, type PreviewHost } from '../host/previewHost';
import { openFolderThroughUi } from '../host/uiActions';

/**
 * A folder with another tool's SEG, SR, RTSTRUCT and PDF beside the series they
 * were made from, plus duplicate copies and junk: the import summary accounts
 * for every file, the study browser lists each derived object under its
 * series, and a SEG offers to be loaded into the case.
 */
let host: PreviewHost;
let folder: string;
const SHOTS = process.env.LIVERPLAN_SHOTS ?? 'test-results';

test.beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'lp-derived-e2e-'));
  const write = (sub: string, name: string, bytes: Uint8Array | string) => {
    mkdirSync(join(folder, sub), { recursive: true });
    writeFileSync(join(folder, sub, name), bytes);
  };
  const series = makeSeries({
    rows: 64,
    columns: 64,
    slices: 24,
    pixelSpacing: [3, 3],
    sliceStep: 4,
    description: 'PORTAL VENOUS',
    rescaleIntercept: -1024,
  });
  for (const f of series) write('pv', f.name, f.bytes);
  for (const f of series.slice(0, 5)) write('pv-copy', f.name, f.bytes);
  write('junk', 'notes.txt', 'not a DICOM file');
  const ref: SeriesRef = {
    studyInstanceUid: '2.25.4242.1',
    seriesInstanceUid: '2.25.4242.2.1',
    frameOfReferenceUid: '2.25.4242.3',
    sopClassUid: '1.2.840.10008.5.1.4.1.1.2',
    sopInstanceUids: series.map((_, k) => `2.25.4242.2.1.${k + 1}`),
  };
  const grid: Grid = {
    dims: [64, 64, 24],
    spacing: [3, 3, 4],
    origin: [-10, -20, 30],
    direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
  };
  write('other-tools', 'seg.dcm', makeSegFor(ref, grid));
  write('other-tools', 'sr.dcm', makeSrFor(ref));
  write('other-tools', 'rtstruct.dcm', makeRtstructFor(ref));
  write('other-tools', 'report.dcm', makePdfFor(ref));
  host = await startPreview({ viewport: { width: 1400, height: 900 } });
});
test.afterAll(async () => {
  await host?.close();
});

test('lists derived objects under their series and accounts for every file', async () => {
  const { page } = host;
  await openFolderThroughUi(host, folder);
  await expect(page.locator('.notice:has-text("Imported")')).toContainText('from 34 files in');
  await expect(page.locator('.notice:has-text("Imported")')).toContainText(
    '24 image(s), 4 derived object(s), 5 duplicate(s), 1 unreadable',
  );
  await page.getByRole('tab', { name: 'Start' }).click();
  await expect(page.getByTestId('series-row')).toHaveCount(1);
  const derived = page.getByTestId('derived-row');
  await expect(derived).toHaveCount(4);
  await expect(derived.filter({ hasText: 'Segmentation' })).toContainText('binary, 1 segment(s): Liver');
  await expect(derived.filter({ hasText: 'Segmentation' })).toContainText('from series #1');
  await expect(derived.filter({ hasText: 'RT structure set' })).toContainText('Liver RT, 2 ROI(s): Liver, GTV');
  await expect(derived.filter({ hasText: 'Structured report' })).toContainText('Imaging Measurement Report');
  await expect(page.getByTestId('load-derived')).toHaveCount(1);
  await page.getByTestId('duplicates').locator('summary').click();
  await expect(page.getByTestId('duplicates')).toContainText('identical copy');
  await page.screenshot({ path: `${SHOTS}/study-browser-derived.png` });

  // Load into case: the study is on screen already, so the Segment workspace takes the SEG.
  await page.getByTestId('load-derived').click();
  await expect(page.getByRole('tab', { name: 'Segment' })).toHaveAttribute('aria-selected', 'true');
  // Its one segment joins the case with the SEG's voxels: 62 x 62 x 22 voxels of 3 x 3 x 4 mm = 3044.4 mL.
  const rows = page.locator('[data-testid^="segment-row-"]');
  await expect(rows).toHaveCount(1, { timeout: 120_000 });
  await expect(rows.first()).toHaveAttribute('data-name', 'Liver');
  const label = (await rows.first().getAttribute('data-testid'))!.replace('segment-row-', '');
  await expect(page.getByTestId('segment-stats')).toHaveAttribute('data-busy', '0', { timeout: 120_000 });
  await expect(page.getByTestId(`volume-ml-${label}`)).toHaveText('3044.4', { timeout: 120_000 });
  await expect(page.locator('.notice:has-text("Imported 1 segment")')).toContainText('seg.dcm (DICOM SEG)');
  await page.screenshot({ path: `${SHOTS}/study-browser-seg-loaded.png` });
});
