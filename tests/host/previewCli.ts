import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT, RENDERER_DIST, startPreview } from './previewHost';
import { openFolderThroughUi } from './uiActions';
import { waitForRender } from './waitForRender';

/**
 * `npm run preview -- [--open PATH] [--screenshot FILE] [--workspace ID] [--no-build] [--timeout S]`
 * Builds the renderer, opens it in Debian Chromium with the real services,
 * optionally imports PATH as a user would, and writes a screenshot once every
 * visible viewport has loaded and drawn (exit 1, screenshot still written, when
 * one failed or had not finished within --timeout seconds, default 180).
 */
export async function previewCli(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      open: { type: 'string' },
      screenshot: { type: 'string' },
      workspace: { type: 'string' },
      'no-build': { type: 'boolean' },
      'user-data': { type: 'string' },
      timeout: { type: 'string' },
    },
  });
  const timeoutS = Number(values.timeout ?? 180);
  if (!(timeoutS > 0)) {
    process.stderr.write(`preview: --timeout takes seconds (a positive number), not '${values.timeout}'\n`);
    return 2;
  }
  if (!values['no-build'] || !existsSync(RENDERER_DIST)) {
    process.stderr.write('preview: building the renderer…\n');
    execFileSync(
      process.execPath,
      [resolve(REPO_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'],
      { cwd: REPO_ROOT, stdio: 'inherit' },
    );
  }
  const userDataDir =
    values['user-data'] ?? (values.screenshot ? undefined : resolve(process.env.HOME ?? '.', '.liverplan-preview'));
  const host = await startPreview({
    headless: values.screenshot ? true : undefined,
    userDataDir,
    // A persistent preview keeps its sample cases with its data, as the app does.
    ...(userDataDir ? { sampleCacheDir: resolve(userDataDir, 'samples') } : {}),
  });
  try {
    await host.page.waitForSelector('[data-testid^="workspace-"]');
    if (values.open) await openFolderThroughUi(host, resolve(values.open));
    if (values.workspace) await host.page.click(`role=tab[name="${values.workspace}"]`);
    if (values.screenshot) {
      const state = await waitForRender(host.page, timeoutS * 1000);
      await host.page.screenshot({ path: values.screenshot });
      process.stderr.write(`preview: wrote ${values.screenshot}\n`);
      const notDone = [...state.failed, ...state.pending];
      if (notDone.length) {
        process.stderr.write(`preview: not rendered after ${timeoutS} s: ${notDone.join('; ')}\n`);
        return 1;
      }
      process.stderr.write(
        `preview: rendered ${state.viewports.length ? state.viewports.join(', ') : 'no viewports in this workspace'}\n`,
      );
      return 0;
    }
    process.stderr.write(
      `preview: LiverPlan is open at ${host.url} (user data in ${host.userDataDir}); close the window or press Ctrl+C to stop.\n`,
    );
    await new Promise<void>((r) => {
      host.browser.on('disconnected', () => r());
      process.on('SIGINT', () => r());
    });
    return 0;
  } finally {
    await host.close();
  }
}
