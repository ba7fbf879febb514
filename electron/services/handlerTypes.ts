import type { FileFilter } from '../../shared/ipc/channels/dialog';
import type { Channel, HostEvent, RequestOf, ResponseOf } from '../../shared/ipc/contract';
import type { SecretStore } from './targets/secretStore';

/** What every handler gets besides its request. */
export interface HandlerContext {
  emit(event: HostEvent): void;
  /** Aborted when the renderer sends job:cancel for this request's jobId. */
  signal: AbortSignal;
}

export type Handler<C extends Channel> = (request: RequestOf<C>, ctx: HandlerContext) => Promise<ResponseOf<C>>;

export type Handlers = { [C in Channel]: Handler<C> };
export type PartialHandlers = { [C in Channel]?: Handler<C> };

/** Where the services keep state: the host decides (Electron userData, a temp dir in tests). */
export interface ServiceEnv {
  userDataDir: string;
  resourcesDir: string;
  appVersion: string;
  host: 'electron' | 'preview' | 'cli';
  /** Where generated sample cases are cached (default <userData>/samples); tests share one. */
  sampleCacheDir?: string;
  /** Seals PACS passwords and tokens (Electron safeStorage); absent: kept for the session only. */
  secrets?: SecretStore;
  /** Answers dialog:pickFolder; Electron shows a native dialog, the preview host a preset. */
  pickFolder?: (title?: string) => Promise<string | null>;
  /** Answers dialog:pickFile (native open dialog, or a preset in the preview host). */
  pickFile?: (options: { title?: string; filters?: FileFilter[] }) => Promise<string | null>;
  /** Answers dialog:pickSavePath (native save dialog, or a preset in the preview host). */
  pickSavePath?: (options: { title?: string; defaultName?: string; filters?: FileFilter[] }) => Promise<string | null>;
}

/** An expected failure with a code the UI can act on and a message a user can read. */
export class ServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
