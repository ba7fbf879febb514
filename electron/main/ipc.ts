import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { IPC_INVOKE, type InvokeResult } from '../../shared/ipc/contract';
import { isTrustedSender } from './windowOptions';

type Dispatch = (channel: unknown, payload: unknown) => Promise<InvokeResult<unknown>>;

/**
 * The one IPC entry: the sender must be the main frame of our own window on
 * app://; everything else (payload validation, errors as data) happens in the
 * shared dispatcher so the preview host behaves identically.
 */
export function setupIpc(getWindow: () => BrowserWindow | null, dispatch: Dispatch): void {
  ipcMain.handle(IPC_INVOKE, async (event: IpcMainInvokeEvent, channel: unknown, payload: unknown) => {
    const win = getWindow();
    const frame = event.senderFrame;
    const trusted = isTrustedSender({
      isOurWindow: win !== null && event.sender === win.webContents,
      isMainFrame: frame !== null && win !== null && frame === win.webContents.mainFrame,
      url: frame?.url,
    });
    if (!trusted)
      return {
        ok: false,
        error: { code: 'untrusted-sender', message: 'Request refused: it did not come from the LiverPlan window.' },
      };
    return dispatch(channel, payload);
  });
}
