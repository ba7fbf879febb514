import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { startPreview, type PreviewHost } from '../host/previewHost';
import { openSampleThroughUi } from '../host/uiActions';

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

test('plan form on the high-burden sample case: burden caution, Y-90 activity and sources, live', async () => {
  const { page } = host;
  await openSampleThroughUi(host, 'bilobar-burden');
  // The case's measured volumes, as the Segment panel or a report would give them.
  const { truthFile } = await page.evaluate(() =>
    (
      window as unknown as { liverplan: { invoke(c: string, r: unknown): Promise<{ truthFile: string }> } }
    ).liverplan.invoke('samples:open', { jobId: 'truth', name: 'bilobar-burden' }),
  );
  const truth = JSON.parse(readFileSync(truthFile, 'utf8')) as {
    tumourBurdenPercent: number;
    segments: { name: string; volumeMl: number }[];
  };
  const liverMl = truth.segments.find((x) => x.name === 'Liver')!.volumeMl;
  const tumourMl = (truth.tumourBurdenPercent / 100) * liverMl;
  await page.getByRole('tab', { name: 'Plan' }).click();
  await expect(page.getByTestId('plan-incomplete')).toBeVisible();
  await fill(page, 'Height', '170');
  await fill(page, 'Weight', '70');
  await fill(page, 'Bilirubin', '0.8');
  await fill(page, 'Albumin', '4.0');
  await fill(page, 'INR', '1.0');
  await fill(page, 'Creatinine', '0.9');
  await fill(page, 'Liver incl. tumour', liverMl.toFixed(1));
  await fill(page, 'Tumour', tumourMl.toFixed(1));
  await expect(page.getByTestId('burden')).toContainText(`${truth.tumourBurdenPercent.toFixed(1)}%`);
  await expect(
    page
      .getByTestId('outcome')
      .filter({ hasText: /burden/i })
      .first(),
  ).toBeVisible();
  await page.getByLabel('Product', { exact: true }).selectOption('resin');
  await page.getByLabel('Intent', { exact: true }).selectOption('whole-liver');
  await fill(page, 'Lung shunt fraction', '0.05');
  await fill(page, 'Target (perfused) volume', liverMl.toFixed(1));
  await fill(page, 'Tumour in target', tumourMl.toFixed(1));
  await fill(page, 'Normal liver in target', (liverMl - tumourMl).toFixed(1));
  const bsa = page.getByTestId('y90-bsa');
  await expect(bsa).toBeVisible();
  // Resin BSA: (BSA - 0.2) + tumour fraction, Du Bois BSA of 170 cm / 70 kg = 1.8097 m2.
  const expected = 1.8097 - 0.2 + truth.tumourBurdenPercent / 100;
  const activity = Number(await bsa.locator('td').nth(1).textContent());
  expect(activity).toBeCloseTo(expected, 2);
  const first = page.getByTestId('outcome').first();
  await first.getByRole('button').click();
  await expect(first.getByTestId('outcome-source')).toContainText('Source:');
  await page.screenshot({ path: 'test-results/plan.png', fullPage: false });
});
