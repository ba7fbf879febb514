import { expect, test } from '@playwright/test';
import { startPreview, type PreviewHost } from '../host/previewHost';

// Issue 19, point 2: the Plan form names every missing or invalid input at once, in clinical words.
let host: PreviewHost;
test.beforeAll(async () => {
  host = await startPreview({ viewport: { width: 1400, height: 1000 } });
});
test.afterAll(async () => {
  await host?.close();
});

// zod's phrasing and dotted field paths must never reach the screen.
const SCHEMA_WORDS = /expected|received|Invalid|undefined|discriminator|[a-z]\.[a-z0-9]+\.|lesions\.\d/;

test('plan form lists all missing and invalid inputs by label, beside their fields', async () => {
  const { page } = host;
  await page.getByRole('tab', { name: 'Plan' }).click();
  const panel = page.getByTestId('plan-incomplete');
  await expect(panel).toBeVisible();
  // Every required value at once, not the first one alone.
  await expect(page.getByTestId('plan-missing').locator('li')).toHaveText([
    'Height',
    'Weight',
    'Bilirubin',
    'Albumin',
    'INR',
    'Creatinine',
    'Liver incl. tumour',
    'Tumour',
  ]);
  await expect(page.locator('.field:has(input[aria-label="Height"]) [data-testid="field-problem"]')).toHaveText(
    'required',
  );

  // Out-of-range values and a lesion without its lobe: sentences beside the fields and in the list.
  await page.getByLabel('Height', { exact: true }).fill('17');
  await page.getByLabel('Bilirubin', { exact: true }).fill('99');
  await page.getByRole('button', { name: 'Add lesion' }).click();
  await page.getByLabel('L1 diameter mm', { exact: true }).fill('0');
  const invalid = page.getByTestId('plan-invalid').locator('li');
  await expect(invalid).toHaveText([
    'Height must be at least 100 cm.',
    'Bilirubin must be at most 50 mg/dL.',
    'Lesion L1 diameter must be at least 1 mm.',
  ]);
  await expect(page.getByTestId('plan-missing')).toContainText('Lesion L1 lobe');
  await expect(page.locator('.field:has(input[aria-label="Height"]) [data-testid="field-problem"]')).toHaveText(
    'Height must be at least 100 cm.',
  );
  await expect(page.getByLabel('Height', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('.lesion-row [data-testid="field-problem"]')).toHaveText([
    'Lesion L1 diameter must be at least 1 mm.',
    'Lesion L1 lobe is missing.',
  ]);
  // The range follows the unit chosen beside the value: 99 umol/L is plausible, 0.5 umol/L is not.
  await page.getByLabel('Bilirubin unit', { exact: true }).selectOption('umol/L');
  await expect(invalid).toHaveCount(2);
  await page.getByLabel('Bilirubin', { exact: true }).fill('0.5');
  await expect(invalid.nth(1)).toHaveText('Bilirubin must be at least 1 umol/L.');
  await page.getByLabel('Bilirubin unit', { exact: true }).selectOption('mg/dL');

  const text = await page.getByTestId('workspace-plan').innerText();
  expect(text).not.toMatch(SCHEMA_WORDS);
  await page.screenshot({ path: '/tmp/lp19-shots/plan-problems.png', fullPage: false });

  // Fixing everything brings the outcomes; no problem text is left behind.
  await page.getByLabel('Height', { exact: true }).fill('170');
  await page.getByLabel('Weight', { exact: true }).fill('70');
  await page.getByLabel('Bilirubin', { exact: true }).fill('0.8');
  await page.getByLabel('Albumin', { exact: true }).fill('4');
  await page.getByLabel('INR', { exact: true }).fill('1');
  await page.getByLabel('Creatinine', { exact: true }).fill('0.9');
  await page.getByLabel('Liver incl. tumour', { exact: true }).fill('1500');
  await page.getByLabel('Tumour', { exact: true }).fill('2000');
  await page.getByLabel('L1 diameter mm', { exact: true }).fill('20');
  await page.getByLabel('L1 lobe', { exact: true }).selectOption('right');
  // Once each value is valid on its own, a cross-field problem is said in words too.
  await expect(page.getByTestId('plan-invalid')).toHaveText(
    /Tumour: exceeds the whole-liver volume including tumours\./,
  );
  await page.getByLabel('Tumour', { exact: true }).fill('100');
  await expect(panel).toHaveCount(0);
  await expect(page.getByTestId('field-problem')).toHaveCount(0);
  await expect(page.getByTestId('calculators')).toBeVisible();
  expect(await page.getByTestId('plan-outcomes').innerText()).not.toMatch(/labs\.|y90\.\*|measured\./);
});
