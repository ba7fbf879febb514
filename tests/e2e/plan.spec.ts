import { expect, test, type Page } from '@playwright/test';
import { startPreview, type PreviewHost } from '../host/previewHost';

let host: PreviewHost;
test.beforeAll(async () => {
  host = await startPreview();
});
test.afterAll(async () => {
  await host?.close();
});

async function fill(page: Page, label: string, value: string) {
  await page.getByLabel(label, { exact: true }).fill(value);
}

test('plan form: burden caution, Y-90 activity and sources, live', async () => {
  const { page } = host;
  await page.getByRole('tab', { name: 'Plan' }).click();
  await expect(page.getByTestId('plan-incomplete')).toBeVisible();
  await fill(page, 'Height', '170');
  await fill(page, 'Weight', '70');
  await fill(page, 'Bilirubin', '0.8');
  await fill(page, 'Albumin', '4.0');
  await fill(page, 'INR', '1.0');
  await fill(page, 'Creatinine', '0.9');
  // High burden: 1000 of 1800 mL.
  await fill(page, 'Liver incl. tumour', '1800');
  await fill(page, 'Tumour', '1000');
  await expect(page.getByTestId('burden')).toContainText('55.6%');
  await expect(page.getByTestId('outcome').filter({ hasText: /burden/i }).first()).toBeVisible();
  await page.getByLabel('Product', { exact: true }).selectOption('resin');
  await page.getByLabel('Intent', { exact: true }).selectOption('whole-liver');
  await fill(page, 'Lung shunt fraction', '0.05');
  await fill(page, 'Target (perfused) volume', '1800');
  await fill(page, 'Tumour in target', '1000');
  await fill(page, 'Normal liver in target', '800');
  const bsa = page.getByTestId('y90-bsa');
  await expect(bsa).toBeVisible();
  // Resin BSA: (BSA - 0.2) + TB fraction with Du Bois BSA 1.8097 m2 -> 1.610 + 0.556 = 2.165 GBq.
  await expect(bsa).toContainText('2.16');
  const first = page.getByTestId('outcome').first();
  await first.getByRole('button').click();
  await expect(first.getByTestId('outcome-source')).toContainText('Source:');
  await page.screenshot({ path: 'test-results/plan.png', fullPage: false });
});
