import { expect, test } from '@playwright/test';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stowRs } from '../../electron/services/pacs/stowRs';
import { materialiseSample } from '../../electron/services/samples/materialiseSample';
import { TargetStore } from '../../electron/services/targets/targetStore';
import { startPreview, type PreviewHost } from '../host/previewHost';
import { SAMPLE_CACHE } from '../host/sampleTruth';
import { findOrthanc, startOrthanc, type OrthancInstance } from '../support/orthanc';

/**
 * Query/retrieve from the Start screen: a sample case sits in a throwaway Orthanc (sent by
 * STOW-RS), the user searches the saved DICOMweb target by patient ID and date, retrieves the
 * study with a progress bar, and it is imported and hung like a folder, then listed in the
 * study browser.
 */
let host: PreviewHost | undefined;
let orthanc: OrthancInstance | undefined;
const SHOTS = process.env.LIVERPLAN_SHOTS ?? 'test-results/pacs';

test.afterAll(async () => {
  await host?.close();
  await orthanc?.stop();
});

test('searches a PACS, retrieves a study with progress and hangs it like a folder', async () => {
  test.skip(!findOrthanc(), 'Orthanc is not installed (apt-get install orthanc orthanc-dicomweb)');
  test.setTimeout(120_000);
  const started = Date.now();
  const sample = await materialiseSample('solitary-ablation', { cacheDir: SAMPLE_CACHE });
  // One phase of the sample case keeps the run short; the retrieve path is the same for four.
  const seriesDir = join(
    sample.folder,
    readdirSync(sample.folder).find((d) => /^S\d+_PORTAL_VENOUS$/.test(d))!,
  );
  const files = readdirSync(seriesDir).map((f) => join(seriesDir, f));
  console.log(`sample ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  orthanc = await startOrthanc();
  await stowRs({ kind: 'dicomweb', url: orthanc.dicomWebUrl }, files);
  const userDataDir = mkdtempSync(join(tmpdir(), 'lp-pacs-e2e-'));
  await new TargetStore(userDataDir).save({
    name: 'Test Orthanc',
    target: { kind: 'dicomweb', url: orthanc.dicomWebUrl },
  });

  console.log(`setup ${((Date.now() - started) / 1000).toFixed(1)} s`);
  host = await startPreview({ userDataDir, viewport: { width: 1400, height: 900 } });
  const { page } = host;
  const panel = page.getByTestId('pacs-search');
  await expect(panel).toBeVisible();
  await expect(page.getByTestId('pacs-target')).toHaveValue(/.+/);

  // A search that matches nothing says so; then the real one.
  await page.getByTestId('pacs-patientId').fill('NOBODY');
  await page.getByTestId('pacs-search-button').click();
  await expect(panel).toContainText('No study matches.');
  const rows = page.getByTestId('pacs-result');
  await page.getByTestId('pacs-patientId').fill('');
  await page.getByTestId('pacs-patientName').fill('sample');
  await page.getByTestId('pacs-modality').fill('CT');
  await page.getByTestId('pacs-dateFrom').fill('2000-01-01');
  await page.getByTestId('pacs-search-button').click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(String(files.length));
  await page.screenshot({ path: `${SHOTS}/1-search.png` });

  const retrieveStarted = Date.now();
  await rows.first().getByTestId('pacs-retrieve').click();
  await expect(page.getByTestId('pacs-retrieve-progress')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/2-retrieving.png` });
  await expect(page.locator('.notice:has-text("Retrieved")')).toContainText(
    `Retrieved ${files.length} instance(s) by WADO-RS`,
    { timeout: 60_000 },
  );
  console.log(`retrieved ${files.length} instances in ${((Date.now() - retrieveStarted) / 1000).toFixed(1)} s`);
  await expect(page.locator('.notice:has-text("Imported")')).toContainText(`${files.length} image(s)`, {
    timeout: 60_000,
  });
  // Hung like a folder: the single study opened in the viewer; Start lists it in the study browser.
  await page.getByRole('tab', { name: 'Start' }).click();
  await expect(page.getByTestId('series-row')).toHaveCount(1);
  await expect(page.getByTestId('series-row').first()).toContainText(String(files.length));
  await page.screenshot({ path: `${SHOTS}/3-imported.png` });
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
});
