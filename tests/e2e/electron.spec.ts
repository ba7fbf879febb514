import { _electron as electron, expect, test } from '@playwright/test';
import { REPO_ROOT } from '../host/previewHost';
// @ts-expect-error: plain ESM helper shared with scripts/start.mjs, no typings.
import { findElectronBinary } from '../../scripts/electronBinary.mjs';

const binary = (findElectronBinary as () => string | null)();

// The real desktop launch: runs wherever an Electron binary is installed. On
// machines without internet the binary cannot be downloaded; say so plainly.
test('Electron starts the built app locked down, on app://', async () => {
  if (!binary) {
    console.log(
      'electron launch test: SKIPPED - no Electron binary installed (ELECTRON_SKIP_BINARY_DOWNLOAD); the renderer is tested in Chromium through the preview host instead.',
    );
    test.skip(true, 'no Electron binary installed');
    return;
  }
  const app = await electron.launch({ executablePath: binary, args: [REPO_ROOT] });
  try {
    const page = await app.firstWindow();
    expect(page.url()).toMatch(/^app:\/\/liverplan\//);
    await expect(page.getByTestId('workspace-start')).toBeVisible();
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const w = BrowserWindow.getAllWindows()[0]!;
      const p = (
        w.webContents as unknown as { getLastWebPreferences(): Record<string, unknown> | null }
      ).getLastWebPreferences();
      return { contextIsolation: p?.contextIsolation, sandbox: p?.sandbox, nodeIntegration: p?.nodeIntegration };
    });
    expect(prefs).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    // window.open is denied and no Node is reachable from the page.
    expect(await page.evaluate(() => window.open('https://example.com') === null)).toBe(true);
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
  } finally {
    await app.close();
  }
});
