import { expect, test } from '@playwright/test';
import { startPreview, type PreviewHost } from '../host/previewHost';
import { openSampleThroughUi } from '../host/uiActions';

// Plan inputs are part of the case: typed in the Plan form, autosaved, and
// back after the app is closed and the study reopened.
async function openCase(host: PreviewHost) {
  await openSampleThroughUi(host, 'solitary-ablation');
  await host.page.getByRole('tab', { name: 'Segment' }).click();
  await expect(host.page.getByTestId('pane-progress')).toHaveCount(0, { timeout: 240_000 });
}

test('plan inputs autosave with the case and come back after a restart', async () => {
  const first = await startPreview();
  try {
    await openCase(first);
    await first.page.getByRole('tab', { name: 'Plan' }).click();
    await first.page.getByLabel('Height', { exact: true }).fill('181');
    await first.page.getByLabel('Weight', { exact: true }).fill('77');
    await first.page.getByRole('tab', { name: 'Segment' }).click();
    await expect(first.page.getByTestId('save-state')).toContainText('Autosaved', { timeout: 30_000 });
  } finally {
    await first.close();
  }
  const again = await startPreview({ userDataDir: first.userDataDir });
  try {
    await openCase(again);
    await again.page.getByRole('tab', { name: 'Plan' }).click();
    await expect(again.page.getByLabel('Height', { exact: true })).toHaveValue('181', { timeout: 30_000 });
    await expect(again.page.getByLabel('Weight', { exact: true })).toHaveValue('77');
  } finally {
    await again.close();
  }
});
