import { expect, test } from '@playwright/test';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeSeries } from '../../shared/dicom/makeSeries';
import { writeInstance } from '../../shared/dicom/writeInstance';
import { makeRtstruct, type RtSeriesRef } from '../../shared/rtstruct/testing/makeRtstruct';
import { code, otherToolsSr } from '../../shared/sr/testing/otherToolSr';
import type { Grid } from '../../shared/volume/grid';
import { startPreview, type PreviewHost } from '../host/previewHost';
import { openFolderThroughUi } from '../host/uiActions';

/**
 * Another tool's RTSTRUCT and TID 1500 SR beside the series they were made
 * from, plus an SR that is not a measurement report and an RTSTRUCT naming no
 * series: the SR's measurements are listed with their tracking ids, the
 * RTSTRUCT's contours are filled into the case as segments, and the two
 * objects that cannot be used get their one-line reason.
 */
let host: PreviewHost;
let folder: string;
const SHOTS = process.env.LIVERPLAN_SHOTS ?? 'test-results';

test.beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'lp-rtstruct-e2e-'));
  const write = (sub: string, name: string, bytes: Uint8Array) => {
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
  const ref: RtSeriesRef = {
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
  const liver = {
    name: 'Liver',
    color: [221, 130, 101] as [number, number, number],
    type: 'ORGAN',
    rect: [4.5, 4.5, 54.5, 44.5] as [number, number, number, number],
    slices: [2, 20] as [number, number],
    hole: [19.5, 19.5, 29.5, 29.5] as [number, number, number, number],
  };
  const gtv = {
    name: 'GTV',
    color: [255, 60, 60] as [number, number, number],
    type: 'GTV',
    rect: [34.5, 14.5, 44.5, 24.5] as [number, number, number, number],
    slices: [8, 12] as [number, number],
  };
  write('other-tools', 'rtstruct.dcm', makeRtstruct(ref, grid, [liver, gtv]));
  write(
    'other-tools',
    'rtstruct-noref.dcm',
    makeRtstruct(ref, grid, [liver], { uid: '2.25.91005', withSeries: false, label: 'No refs' }),
  );
  write('other-tools', 'sr.dcm', writeInstance(otherToolsSr(ref)));
  write(
    'other-tools',
    'text-sr.dcm',
    writeInstance({
      SOPClassUID: '1.2.840.10008.5.1.4.1.1.88.11',
      SOPInstanceUID: '2.25.91006.2',
      StudyInstanceUID: ref.studyInstanceUid,
      SeriesInstanceUID: '2.25.91006.1',
      Modality: 'SR',
      SeriesNumber: '305',
      ValueType: 'CONTAINER',
      ConceptNameCodeSequence: code('18748-4', 'LN', 'Diagnostic Imaging Report'),
      ContentTemplateSequence: [{ MappingResource: 'DCMR', TemplateIdentifier: '2000' }],
    }),
  );
  host = await startPreview({ viewport: { width: 1400, height: 900 } });
});
test.afterAll(async () => {
  await host?.close();
});

test("lists another tool's SR measurements and loads its RTSTRUCT into the case", async () => {
  const { page } = host;
  await openFolderThroughUi(host, folder);
  await expect(page.locator('.notice:has-text("Imported")')).toContainText('24 image(s), 4 derived object(s)');
  await page.getByRole('tab', { name: 'Start' }).click();
  const derived = page.getByTestId('derived-row');
  await expect(derived).toHaveCount(4);

  // Import summary: the two objects that cannot be used, each with its reason.
  const unusable = page.getByTestId('unusable-derived');
  await expect(unusable.locator('summary')).toHaveText('2 derived object(s) cannot be used');
  await unusable.locator('summary').click();
  await expect(unusable).toContainText(
    'text-sr.dcm: SR "Diagnostic Imaging Report" (template 2000) is not a TID 1500 measurement report',
  );
  await expect(unusable).toContainText('rtstruct-noref.dcm: RTSTRUCT names no referenced series');

  // The SR's measurements, with tracking identifier and UID, finding, site, value and unit.
  await page.getByTestId('show-measurements').click();
  const table = page.getByTestId('sr-measurements');
  await expect(table.locator('caption')).toHaveText('Imaging Measurement Report: 4 measurement(s) in 2 group(s)');
  const rows = table.getByTestId('sr-measurement-row');
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(0)).toContainText('Liver segmentation');
  await expect(rows.nth(0)).toContainText('2.25.777.1');
  await expect(rows.nth(0).locator('td').nth(3)).toHaveText('Volume');
  await expect(rows.nth(0).locator('td').nth(4)).toHaveText('1523.4');
  await expect(rows.nth(0).locator('td').nth(5)).toHaveText('cm3');
  await expect(rows.nth(1)).toContainText('Attenuation Coefficient (Mean)');
  await expect(rows.nth(1).locator('td').nth(5)).toHaveText('HU');
  await expect(rows.nth(2).locator('td').nth(4)).toHaveText('Not a number');
  await expect(rows.nth(3)).toContainText('cornerstoneTools@^4.0.0:Length');
  await expect(rows.nth(3).locator('td').nth(4)).toHaveText('23.75');
  await page.screenshot({ path: `${SHOTS}/study-browser-sr-measurements.png` });

  // Load the RTSTRUCT: its two ROIs become segments with the file's names and the filled voxels.
  const rt = derived.filter({ hasText: 'Liver RT' });
  await rt.getByTestId('load-derived').click();
  await expect(page.getByRole('tab', { name: 'Segment' })).toHaveAttribute('aria-selected', 'true');
  const segRows = page.locator('[data-testid^="segment-row-"]');
  await expect(segRows).toHaveCount(2, { timeout: 120_000 });
  await expect(segRows.nth(0)).toHaveAttribute('data-name', 'Liver');
  await expect(segRows.nth(1)).toHaveAttribute('data-name', 'GTV');
  await expect(page.getByTestId('segment-stats')).toHaveAttribute('data-busy', '0', { timeout: 120_000 });
  const labelOf = async (n: number) => (await segRows.nth(n).getAttribute('data-testid'))!.replace('segment-row-', '');
  // Liver: 50 x 40 voxels minus a 10 x 10 hole on 19 slices, less the GTV's 10 x 10 x 5 it holds; 36 mm3 each.
  await expect(page.getByTestId(`volume-ml-${await labelOf(0)}`)).toHaveText('1281.6', { timeout: 120_000 });
  await expect(page.getByTestId(`volume-ml-${await labelOf(1)}`)).toHaveText('18.0');
  await expect(page.locator('.notice:has-text("Imported 2 segments")')).toContainText('rtstruct.dcm (RTSTRUCT)');
  // The overlay is drawn by the time the import has been autosaved.
  await expect(page.getByTestId('segment-panel')).toHaveAttribute('data-save-state', /saved/i, { timeout: 60_000 });
  await page.screenshot({ path: `${SHOTS}/rtstruct-loaded.png` });
});
