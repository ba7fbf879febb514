import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { startPreview, type PreviewHost } from '../host/previewHost';
import { openSampleThroughUi } from '../host/uiActions';
import { dciodvfyErrors } from '../support/dicomTools';
import { findOrthanc, startOrthanc, type OrthancInstance } from '../support/orthanc';

/**
 * Report & Export end to end on the 'solitary-ablation' sample: a segment is
 * painted so the case has something to export, key images are captured from
 * the viewer, the report is previewed as a page, then SEG + SR + PDF go to a
 * folder (checked with dciodvfy) and over STOW-RS to a real Orthanc; with
 * Orthanc down the job stays queued with its reason, and Retry sends it once
 * Orthanc is back on the same ports.
 */
let host: PreviewHost;
let orthanc: OrthancInstance | undefined;
const SHOTS = 'test-results/report';

test.beforeAll(async () => {
  host = await startPreview({ viewport: { width: 1600, height: 900 } });
});
test.afterAll(async () => {
  await orthanc?.stop();
  await host?.close();
});

async function addTarget(page: Page, name: string, fill: (page: Page) => Promise<void>): Promise<void> {
  await page.getByTestId('target-add').click();
  await page.getByTestId('target-name').fill(name);
  await fill(page);
  await page.getByTestId('target-save').click();
  await expect(page.getByTestId('target-editor')).toHaveCount(0);
  await expect(page.getByTestId('target-select').locator('option:checked')).toHaveText(name);
}

const newestJob = (page: Page) => page.getByTestId('queue-job').first();

/** pdftotext (poppler-utils, installed by scripts/setup-system.sh) reads the saved PDF's words. */
function hasPdftotext(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

test('builds the report with key images, exports to a folder and to Orthanc, keeps and retries a failed send', async () => {
  test.setTimeout(600_000);
  const { page } = host;
  await openSampleThroughUi(host, 'solitary-ablation');

  // Something to export: one liver segment painted with the sphere brush at the pane centre.
  await page.click('role=tab[name="Segment"]');
  const pane = page.locator('[data-testid^="viewport-"][data-phase="portal_venous"]');
  await expect(pane).toBeVisible();
  await expect(page.getByTestId('pane-progress')).toHaveCount(0, { timeout: 240_000 });
  await page.getByTestId('add-segment').click();
  await expect(page.getByTestId('segment-row-1')).toBeVisible();
  await page.getByTestId('brush-radius').fill('15');
  await page.getByTestId('tool-sphere-brush').click();
  const box = (await pane.locator('.viewer-element').boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect(page.getByTestId('volume-ml-1')).toBeVisible({ timeout: 120_000 });

  // Report: inputs, key images from the viewer, preview.
  await page.click('role=tab[name="Report"]');
  await page.getByTestId('report-indication').fill('Solitary HCC, ablation planning');
  await page.getByTestId('report-prepared-by').fill('E2E Radiologist');
  await page.getByTestId('capture-key-images').click();
  await expect(page.getByTestId('report-workspace')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('key-thumb').first()).toBeVisible({ timeout: 30_000 });
  const captured = await page.getByTestId('key-thumb').count();
  await page.getByTestId('build-report').click();
  await expect(page.getByTestId('report-busy')).toHaveCount(0, { timeout: 120_000 });
  const notices = await page.locator('.notice.error').allTextContents();
  expect(notices, 'error notices after Build report').toEqual([]);
  await expect(page.getByTestId('report-page')).toBeVisible();
  await expect(page.getByTestId('report-page')).toContainText('Solitary HCC, ablation planning');
  // Key images chosen by content (the painted segment at its largest slice) come first, then the captures.
  const shown = await page.getByTestId('report-key-images').locator('img').count();
  expect(shown).toBeGreaterThan(captured);
  await expect(page.getByTestId('report-volumetry').locator('tbody tr')).not.toHaveCount(0);
  const preview = page.getByTestId('report-page');
  for (const heading of [
    'Volumetry',
    'Lesions',
    'Y-90 radioembolization',
    'Ablation plan and analysis',
    'Ablation confirmation',
    'Rule outcomes',
  ])
    await expect(preview.locator('h2', { hasText: heading })).toHaveCount(1);
  await expect(preview).not.toContainText(/Invalid input|expected number|\(\)|\^/);
  // Study date as an ISO date, never raw DICOM.
  await expect(preview.locator('dt', { hasText: 'Study date' }).locator('xpath=following-sibling::dd')).toHaveText(
    /^(\d{4}-\d{2}-\d{2}|not recorded in the images)$/,
  );
  await page.screenshot({ path: `${SHOTS}/1-preview.png`, fullPage: true });

  // Save PDF…: the save dialog answers a path; the PDF holds the preview's pages and text.
  const pdfDir = mkdtempSync(join(tmpdir(), 'liverplan-report-pdf-'));
  const pdfPath = join(pdfDir, 'chosen.pdf');
  const asked: { title?: string; defaultName?: string }[] = [];
  host.setPickSavePath((options) => {
    asked.push(options);
    return pdfPath;
  });
  await page.getByTestId('save-pdf').click();
  await expect(page.getByTestId('report-busy')).toHaveCount(0, { timeout: 120_000 });
  await expect.poll(() => existsSync(pdfPath), { timeout: 60_000 }).toBe(true);
  // The proposed name: family_given_studydate_report_today, from the sample's PatientName
  // SAMPLE^SOLITARY and StudyDate 20250314 (shared/sample), today in the local calendar.
  const now = new Date();
  const today = [now.getFullYear(), now.getMonth() + 1, now.getDate()].map((n) => String(n).padStart(2, '0')).join('-');
  expect(asked.map((o) => o.defaultName)).toEqual([`SAMPLE_SOLITARY_2025-03-14_report_${today}.pdf`]);
  const pdf = await PDFDocument.load(readFileSync(pdfPath));
  expect(pdf.getPageCount()).toBeGreaterThanOrEqual(2);
  if (hasPdftotext()) {
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
    for (const words of ['Key images', 'Volumetry', 'Rule outcomes', 'E2E Radiologist']) expect(text).toContain(words);
    expect(text).not.toMatch(/Invalid input|\(\)/);
  }

  // Folder target: files exist and pass dciodvfy.
  const folder = mkdtempSync(join(tmpdir(), 'liverplan-report-e2e-'));
  await addTarget(page, 'Teaching folder', async (p) => {
    await p.getByTestId('target-kind').selectOption('folder');
    await p.getByTestId('target-path').fill(folder);
  });
  await page.getByTestId('deidentify').check();
  await page.getByTestId('send').click();
  await expect(newestJob(page)).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  await expect(newestJob(page)).toContainText('de-identified');
  const files = readdirSync(folder, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  expect(files.length).toBeGreaterThanOrEqual(3);
  for (const f of files) {
    const path = join(f.parentPath, f.name);
    expect(existsSync(path)).toBe(true);
    expect(dciodvfyErrors(path), path).toEqual([]);
  }
  await page.getByTestId('deidentify').uncheck();

  // STOW-RS to a real Orthanc.
  test.skip(!findOrthanc(), 'Orthanc is not installed (apt-get install orthanc orthanc-dicomweb)');
  orthanc = await startOrthanc();
  const { httpPort, dicomPort, dicomWebUrl } = orthanc;
  await addTarget(page, 'Orthanc', async (p) => {
    await p.getByTestId('target-kind').selectOption('dicomweb');
    await p.getByTestId('target-url').fill(dicomWebUrl);
  });
  await page.getByTestId('send').click();
  await expect(page.getByTestId('queue-job')).toHaveCount(2, { timeout: 60_000 });
  await expect(newestJob(page)).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  const instances = (await (await orthanc.get('/instances')).json()) as string[];
  expect(instances.length).toBeGreaterThanOrEqual(3);
  await page.screenshot({ path: `${SHOTS}/2-sent.png` });

  // Orthanc down: the job is kept, failed, with the reason and a Retry button.
  await orthanc.stop();
  orthanc = undefined;
  await page.getByTestId('send').click();
  await expect(page.getByTestId('queue-job')).toHaveCount(3, { timeout: 60_000 });
  await expect(newestJob(page)).toHaveAttribute('data-state', 'failed', { timeout: 120_000 });
  await expect(newestJob(page).getByTestId('queue-error')).not.toBeEmpty();
  console.log(`failure shown: ${await newestJob(page).getByTestId('queue-error').textContent()}`);
  await page.screenshot({ path: `${SHOTS}/3-failed.png` });

  // Back on the same ports: one click sends it.
  orthanc = await startOrthanc({ httpPort, dicomPort });
  await newestJob(page).getByTestId('queue-retry').click();
  await expect(newestJob(page)).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  const after = (await (await orthanc.get('/instances')).json()) as string[];
  expect(after.length).toBeGreaterThanOrEqual(3);
  await page.screenshot({ path: `${SHOTS}/4-retried.png` });
  expect(host.errors.filter((e) => !/favicon/.test(e))).toEqual([]);
});
