import { BrowserWindow, app, dialog } from 'electron';
import { join } from 'node:path';
import { IPC_EVENT, type HostEvent } from '../../shared/ipc/contract';
import { createDispatcher } from '../services/dispatch';
import { createHandlers } from '../services/handlers/index';
import { configuredPacsHosts } from '../services/targets/targetStore';
import { setupIpc } from './ipc';
import { safeStorageSecrets } from './safeStorageSecrets';
import { registerAppScheme, setupAppProtocol } from './protocol';
import { setupSecurity } from './security';
import { APP_ORIGIN, secureWindowOptions } from './windowOptions';

// Composition root: everything here wires services to Electron; logic lives in services/.
registerAppScheme();
app.enableSandbox();

let mainWindow: BrowserWindow | null = null;

async function start(): Promise<void> {
  await app.whenReady();
  const distDir = join(__dirname, '..');
  const { handlers, log, files } = createHandlers({
    userDataDir: app.getPath('userData'),
    resourcesDir: app.isPackaged ? join(process.resourcesPath, 'resources') : join(distDir, '..', 'resources'),
    appVersion: app.getVersion(),
    host: 'electron',
    secrets: safeStorageSecrets(),
    pickFolder: async (title) => {
      const r = await dialog.showOpenDialog(mainWindow!, {
        title: title ?? 'Open DICOM folder',
        properties: ['openDirectory'],
      });
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    pickFile: async ({ title, filters }) => {
      const r = await dialog.showOpenDialog(mainWindow!, { title, filters, properties: ['openFile'] });
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    pickSavePath: async ({ title, defaultName, filters }) => {
      const r = await dialog.showSaveDialog(mainWindow!, {
        title,
        filters,
        defaultPath: defaultName ? join(app.getPath('documents'), defaultName) : undefined,
      });
      return r.canceled ? null : (r.filePath ?? null);
    },
  });
  process.on('uncaughtException', (e) => log.write({ source: 'main', message: e.message, stack: e.stack }));
  const emit = (event: HostEvent) => mainWindow?.webContents.send(IPC_EVENT, event);
  const dispatch = createDispatcher(handlers, emit, (e, channel) =>
    log.write({
      source: 'main',
      message: `${channel}: ${e instanceof Error ? e.message : String(e)}`,
      stack: e instanceof Error ? e.stack : undefined,
    }),
  );
  setupSecurity(() => configuredPacsHosts(app.getPath('userData')));
  setupAppProtocol(join(distDir, 'renderer'), files);
  setupIpc(() => mainWindow, dispatch);

  mainWindow = new BrowserWindow(secureWindowOptions(join(__dirname, 'preload.cjs')));
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => (mainWindow = null));
  await mainWindow.loadURL(`${APP_ORIGIN}/index.html`);
}

app.on('window-all-closed', () => app.quit());
start().catch((e) => {
  dialog.showErrorBox('LiverPlan could not start', e instanceof Error ? e.message : String(e));
  app.exit(1);
});
