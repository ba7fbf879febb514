import { expect, test } from '@playwright/test';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeSeries } from '../../shared/dicom/makeSeries';
import { startPreview, type PreviewHost } from '../host/previewHost';
import { openFolderThroughUi } from '../host/uiActions';

let host: PreviewHost;
let folder: string;

test.beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'lp-import-e2e-'));
  const write = (sub: string, files: { name: string; bytes: Uint8Array }[]) => {
    mkdirSync(join(folder, sub), { recursive: true });
    for (const f of files) writeFileSync(join(folder, sub, f.name), f.bytes);
  };
  const common = {
    rows: 64,
    columns: 64,
    slices: 24,
    pixelSpacing: [3, 3] as [number, number],
    sliceStep: 4,
    studyUid: '2.25.777.1',
    rescaleIntercept: -1024,
    signed: true,
  };
  write(
    'art',
    makeSeries({
      ...common,
      description: 'ART PHASE',
      seriesNumber: 3,
      seriesUid: '2.25.777.3',
      acquisitionTime: '101500',
    }),
  );
  write(
    'pv',
    makeSeries({
      ...common,
      description: 'PORTAL VENOUS',
      seriesNumber: 4,
      seriesUid: '2.25.777.4',
      acquisitionTime: '101545',
    }),
  );
  // A series with two slices missing: the browser must say so.
  write(
    'gap',
    makeSeries({
      ...common,
      description: 'DELAYED',
      seriesNumber: 5,
      seriesUid: '2.25.777.5',
      acquisitionTime: '101800',
      drop: [10, 11],
    }),
  );
  writeFileSync(join(folder, 'notes.txt'), 'not a DICOM file');
  writeFileSync(
    join(folder, 'truncated.dcm'),
    makeSeries({ ...common, slices: 1, seriesUid: '2.25.777.9' })[0]!.bytes.slice(0, 300),
  );
  host = await startPreview();
});
test.afterAll(async () => {
  await host?.close();
});

test('imports a folder, shows the study tree with phases and findings', async () => {
  const { page } = host;
  await openFolderThroughUi(host, folder);
  // The three phases open in the viewer; the browser on Start lists them.
  await expect(page.getByTestId('workspace-view')).toBeVisible();
  await page.screenshot({ path: 'test-results/import-opened.png' });
  await page.getByRole('tab', { name: 'Start' }).click();
  const rows = page.getByTestId('series-row');
  await expect(rows).toHaveCount(3);
  await expect(page.getByLabel('Phase of series 3')).toHaveValue('arterial');
  await expect(page.getByLabel('Phase of series 4')).toHaveValue('portal_venous');
  await expect(page.getByLabel('Phase of series 5')).toHaveValue('delayed');
  const gapRow = rows.filter({ has: page.getByLabel('Phase of series 5') });
  await gapRow.getByRole('button', { name: /finding/ }).click();
  await expect(gapRow).toContainText('missing-slices');
  await expect(page.getByText('2 file(s) could not be read')).toBeVisible();
  await page.screenshot({ path: 'test-results/import-tree.png' });
});

test('a phase override is kept across a restart of the app', async () => {
  const { page } = host;
  await page.getByLabel('Phase of series 5').selectOption('portal_venous');
  await page.waitForTimeout(200);
  const again = await startPreview({ userDataDir: host.userDataDir });
  try {
    await expect(again.page.getByTestId('series-row')).toHaveCount(3);
    await expect(again.page.getByLabel('Phase of series 5')).toHaveValue('portal_venous');
  } finally {
    await again.close();
  }
});

test('a study larger than memory is refused with a reason before anything loads', async () => {
  const plan = await host.page.evaluate(() =>
    (
      window as unknown as {
        liverplan: { invoke(c: string, r: unknown): Promise<{ decision: string; message: string }> };
      }
    ).liverplan.invoke('limits:checkSeries', {
      series: [1, 2, 3].map((n) => ({ seriesInstanceUid: `2.25.${n}`, rows: 2048, columns: 2048, slices: 6000 })),
      withLabelmap: true,
    }),
  );
  expect(['refuse', 'downsample']).toContain(plan.decision);
  expect(plan.message.length).toBeGreaterThan(20);
});
