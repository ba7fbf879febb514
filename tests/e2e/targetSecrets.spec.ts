import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startPreview, type PreviewHost } from '../host/previewHost';

/** The preview host injects no OS keyring, like Linux without GNOME Keyring or KWallet. */
let host: PreviewHost;
test.beforeAll(async () => {
  host = await startPreview({ viewport: { width: 1600, height: 900 } });
});
test.afterAll(async () => {
  await host?.close();
});

const PASSWORD = 'S3cret-pacs-pw';

test('without a keyring the target editor says the password is kept for this session only, and never writes it', async () => {
  const { page } = host;
  await page.click('role=tab[name="Report"]');
  await page.getByTestId('target-add').click();
  await page.getByTestId('target-name').fill('Hospital PACS');
  await page.getByTestId('target-kind').selectOption('dicomweb');
  await page.getByTestId('target-url').fill('https://pacs.example.org/dicom-web');
  await expect(page.getByTestId('target-secret-note')).toHaveCount(0); // no authentication, nothing to say
  await page.getByTestId('target-auth').selectOption('basic');
  await page.getByTestId('target-username').fill('ir');
  await page.getByTestId('target-secret').fill(PASSWORD);
  const note = page.getByTestId('target-secret-note');
  await expect(note).toContainText('no OS keyring');
  await expect(note).toContainText('kept in memory for this session only');
  await expect(page.getByTestId('target-keep-plain')).not.toBeChecked();
  await page.getByTestId('target-editor').screenshot({ path: 'test-results/target-secret-note.png' });
  await page.getByTestId('target-save').click();
  await expect(page.getByTestId('target-editor')).toHaveCount(0);

  const file = readFileSync(join(host.userDataDir, 'export-targets.json'), 'utf8');
  expect(file).toContain('Hospital PACS');
  expect(file).not.toContain(PASSWORD);
  expect(JSON.parse(file).targets[0].secret).toEqual({ storage: 'session' });
});
