import { expect, test, type Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaseTruth } from '../../shared/sample/truth';
import { decodeNiftiLabelmap } from '../../shared/volume/nifti';
import { startPreview, type PreviewHost } from '../host/previewHost';
import { SAMPLE_CACHE } from '../host/sampleTruth';
import { openSampleThroughUi } from '../host/uiActions';
import { portalVenousPane, screenPointOf } from '../host/viewportPoints';

/**
 * Patient safety across a study switch (issue 17): segment one sample case (its truth SEG
 * imported, a lesion by click with its "Segmented on" line), open another sample case, and find
 * no trace of the first: no segment, name, lesion number, status line, overlay or undo step,
 * and no autosave of the second case holding the first one's segments. The first case's
 * pending edits are saved when it closes, and come back when it is opened again. On the way,
 * the window set on a series survives a layout change and a change of workspace.
 */
let host: PreviewHost;
const SHOTS = join(tmpdir(), 'liverplan-case-switch-shots');
const FIRST = { sample: 'solitary-ablation', patientId: 'LPS-0001' };
const SECOND = { sample: 'heat-sink-gallbladder', patientId: 'LPS-0002' };

test.beforeAll(async () => {
  host = await startPreview({ viewport: { width: 1600, height: 900 }, sampleCacheDir: SAMPLE_CACHE });
});
// eslint-disable-next-line no-empty-pattern
test.afterEach(async ({}, info) => {
  if (info.status === info.expectedStatus) return;
  await host.page.screenshot({ path: `${SHOTS}/failed.png` });
  console.log('notices:', await host.page.locator('.notice').allTextContents());
  console.log(
    'panel:',
    await host.page
      .getByTestId('segment-panel')
      .innerText()
      .catch(() => ''),
  );
});
test.afterAll(async () => {
  await host?.close();
});

/** truth/ of the newest generated copy of a sample (older generator versions may linger in the cache). */
function truthDir(sample: string): string {
  const found = readdirSync(SAMPLE_CACHE, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name === 'truth.json' && e.parentPath.includes(sample))
    .map((e) => e.parentPath)
    .sort((a, b) => Number(/-v(\d+)/.exec(b)?.[1] ?? 0) - Number(/-v(\d+)/.exec(a)?.[1] ?? 0));
  if (!found.length) throw new Error(`truth.json of ${sample} not found`);
  return found[0]!;
}

/** Pixels of the portal venous view that are coloured (a labelmap overlay); the CT itself is grey. */
async function colouredPixels(page: Page): Promise<number> {
  const canvas = await portalVenousPane(page).locator('canvas').first().elementHandle();
  return page.evaluate((c) => {
    const el = c as HTMLCanvasElement;
    const copy = document.createElement('canvas');
    copy.width = el.width;
    copy.height = el.height;
    const ctx = copy.getContext('2d')!;
    ctx.drawImage(el, 0, 0);
    const { data } = ctx.getImageData(0, 0, copy.width, copy.height);
    let n = 0;
    for (let p = 0; p < data.length; p += 4) {
      const r = data[p]!;
      const g = data[p + 1]!;
      const b = data[p + 2]!;
      if (Math.max(r, g, b) - Math.min(r, g, b) > 40) n++;
    }
    return n;
  }, canvas);
}

/** Opens a sample and waits until the viewer shows its patient (the case before is closed by then). */
async function openSample(sample: { sample: string; patientId: string }): Promise<void> {
  await openSampleThroughUi(host, sample.sample);
  await expect(host.page.getByTestId('workspace-view')).toBeVisible({ timeout: 120_000 });
  await expect(portalVenousPane(host.page)).toContainText(sample.patientId, { timeout: 120_000 });
}

async function openSegmentTab(page: Page): Promise<void> {
  await page.click('role=tab[name="Segment"]');
  await expect(portalVenousPane(page)).toBeVisible();
  await expect(portalVenousPane(page).getByTestId('slice-position')).not.toBeEmpty({ timeout: 240_000 });
  await expect(page.getByTestId('pane-progress')).toHaveCount(0, { timeout: 240_000 });
}

/** The saved case documents of a patient, with the number of labelled voxels in each. */
async function savedCases(page: Page, patientId: string) {
  const opened = await page.evaluate(async (id) => {
    const lp = (window as unknown as { liverplan: { invoke(c: string, p: unknown): Promise<unknown> } }).liverplan;
    const list = (await lp.invoke('case:list', {})) as { caseId: string; patientId: string }[];
    const cases = list.filter((c) => c.patientId === id);
    const all = (await Promise.all(cases.map((c) => lp.invoke('case:open', { caseId: c.caseId })))) as {
      document: { segments: { name: string }[] };
      labels: Uint8Array | null;
    }[];
    // The labels arrive as bytes; hand them out of the page as a plain array (a small .nii.gz).
    return all.map((o) => ({ document: o.document, labels: o.labels ? Array.from(o.labels) : null }));
  }, patientId);
  return opened.map((o) => ({
    names: o.document.segments.map((s) => s.name),
    labelled: o.labels ? decodeNiftiLabelmap(new Uint8Array(o.labels)).data.filter(Boolean).length : 0,
  }));
}

const rows = (page: Page) => page.locator('[data-testid^="segment-row-"]');

test('opening another sample case leaves no trace of the first patient', async () => {
  test.setTimeout(900_000);
  const { page } = host;

  // First patient: the truth SEG imported, then a lesion by click (numbered, with its phase line).
  await openSample(FIRST);
  await openSegmentTab(page);
  const dir = truthDir(FIRST.sample);
  const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as CaseTruth;
  host.setPickFile(() => join(dir, 'seg.dcm'));
  await page.getByTestId('import-labels').click();
  await expect(page.locator('.notice.success:has-text("Imported 7 segments")')).toBeVisible({ timeout: 120_000 });
  await page.getByTestId('tool-lesion-click').click();
  const at = await screenPointOf(page, truth.lesions[0]!.centreLps);
  await page.mouse.click(at.x, at.y);
  const lesion = page.locator('[data-testid^="segment-row-"][data-name="Lesion 1"]');
  await expect(lesion).toHaveCount(1, { timeout: 240_000 });
  const lesionLabel = (await lesion.getAttribute('data-testid'))!.slice('segment-row-'.length);
  await expect(page.getByTestId(`lesion-phase-${lesionLabel}`)).toContainText(/Segmented on the .+ phase/);
  await page.mouse.move(10, 10);
  await page.keyboard.press('Escape');
  await expect(rows(page)).toHaveCount(8);
  await expect.poll(() => colouredPixels(page), { timeout: 30_000 }).toBeGreaterThan(1000);
  await page.screenshot({ path: `${SHOTS}/1-first-case.png` });
  // Opened straight away: the edits may not have been autosaved yet, closing must save them.

  // Second patient.
  await openSample(SECOND);
  await openSegmentTab(page);
  await expect(page.getByTestId('segment-workspace')).toBeVisible();
  await expect(rows(page)).toHaveCount(0);
  await expect(page.getByTestId('segment-panel')).not.toContainText('Segmented on');
  await expect(page.getByTestId('result-check')).toHaveCount(0);
  await expect(page.getByTestId('recovery')).toHaveCount(0);
  await expect(page.getByTestId('job-note')).toHaveCount(0);
  await expect(page.getByTestId('job-progress')).toHaveCount(0);
  // Nothing was restored into this case (it may autosave itself, empty, meanwhile).
  await expect(page.getByTestId('save-state')).not.toContainText('Opened');
  expect(await colouredPixels(page)).toBeLessThan(50);
  await page.screenshot({ path: `${SHOTS}/2-second-case.png` });

  // Undo reaches nothing of the first case.
  await page.mouse.move(10, 10);
  for (let n = 0; n < 3; n++) await page.keyboard.press('Control+z');
  await page.getByTestId('undo').click();
  await expect(rows(page)).toHaveCount(0);
  expect(await colouredPixels(page)).toBeLessThan(50);

  // The window belongs to the series: set on the View tab, it survives MPR and back, and the
  // Segment tab's own viewer.
  const bone = 'W 1800 L 400';
  await page.click('role=tab[name="View"]');
  await page.getByTestId('preset-bone').click();
  await expect(page.getByTestId('window-level')).toHaveText([bone, bone, bone]);
  await page.getByRole('button', { name: 'MPR', exact: true }).click();
  await expect(page.getByTestId('viewport-mpr-coronal').getByTestId('window-level')).toHaveText(bone);
  await page.getByRole('button', { name: 'Phases', exact: true }).click();
  await expect(page.getByTestId('window-level')).toHaveText([bone, bone, bone]);
  await page.click('role=tab[name="Segment"]');
  await expect(page.getByTestId('window-level')).toHaveText([bone, bone, bone]);

  // Lesion numbering starts over: the first lesion of this patient is Lesion 1.
  await page.getByTestId('segment-template').selectOption('lesion');
  await page.getByTestId('add-segment').click();
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toHaveAttribute('data-name', 'Lesion 1');
  await expect(page.locator('[data-testid^="lesion-phase-"]')).toHaveCount(0);
  await expect(page.getByTestId('save-state')).toContainText('Autosaved', { timeout: 30_000 });

  // The store: the second case holds only its own segment and no voxel; the first case's work
  // was saved when it closed.
  // "Autosaved" may still show the save before the new row: wait for the store to hold it.
  await expect
    .poll(() => savedCases(page, SECOND.patientId), { timeout: 30_000 })
    .toEqual([{ names: ['Lesion 1'], labelled: 0 }]);
  const first = await savedCases(page, FIRST.patientId);
  expect(first).toHaveLength(1);
  expect(first[0]!.names).toContain('Lesion 1');
  expect(first[0]!.names).toContain('Lesion L1');
  expect(first[0]!.labelled).toBeGreaterThan(1000);

  // Back to the first patient: its case comes back whole, without the second one's lesion.
  await openSample(FIRST);
  await openSegmentTab(page);
  await expect(rows(page)).toHaveCount(8, { timeout: 120_000 });
  await expect(page.locator('[data-testid^="segment-row-"][data-name="Lesion 1"]')).toHaveCount(1);
  // Its lesion still says which phase it was segmented on (saved with the case).
  await expect(page.locator('[data-testid^="lesion-phase-"]')).toHaveCount(1);
  await expect(page.getByTestId(`lesion-phase-${lesionLabel}`)).toContainText(/Segmented on the .+ phase/);
  await expect.poll(() => colouredPixels(page), { timeout: 30_000 }).toBeGreaterThan(1000);
  await page.screenshot({ path: `${SHOTS}/3-first-again.png` });
  expect(host.errors.filter((e) => !/favicon/.test(e))).toEqual([]);
});
