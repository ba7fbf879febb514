import type { z } from 'zod';
import { appChannels } from './channels/app';
import { caseChannels } from './channels/case';
import { devicesChannels } from './channels/devices';
import { dialogChannels } from './channels/dialog';
import { dicomChannels } from './channels/dicom';
import { exportChannels } from './channels/export';
import { labelsChannels } from './channels/labels';
import { limitsChannels } from './channels/limits';
import { pacsChannels } from './channels/pacs';
import { practiceChannels } from './channels/practice';
import { samplesChannels } from './channels/samples';
import { targetsChannels } from './channels/targets';
import type { HostEventPayload, HostTopic } from './events';

export type { HostEvent, HostEventPayload, HostTopic } from './events';

/**
 * The whole IPC contract: channel -> request and response schemas. Each
 * domain keeps its channels in shared/ipc/channels/<domain>.ts; add it here.
 * The preload, the preview host and electron/main all validate against this.
 */
export const contract = {
  ...appChannels,
  ...caseChannels,
  ...devicesChannels,
  ...dialogChannels,
  ...dicomChannels,
  ...exportChannels,
  ...labelsChannels,
  ...limitsChannels,
  ...pacsChannels,
  ...practiceChannels,
  ...samplesChannels,
  ...targetsChannels,
};

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type RequestOf<C extends Channel> = z.input<Contract[C]['request']>;
export type ResponseOf<C extends Channel> = z.output<Contract[C]['response']>;

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(contract, value);
}

/** What every invoke returns over the wire: errors travel as data, never as exceptions. */
export type InvokeResult<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

/** The single object the preload (or preview host) puts on window. */
export interface LiverplanApi {
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
  /** Listens to one declared host event topic (shared/ipc/events.ts); returns the unsubscribe. */
  on<T extends HostTopic>(
    topic: T,
    handler: (payload: HostEventPayload<T>, jobId: string | undefined) => void,
  ): () => void;
  /** Path on disk of a dropped File (Electron's webUtils); absent where the host has none. */
  pathForFile?(file: File): string;
}

/** The name of the one Electron IPC channel all invokes travel on. */
export const IPC_INVOKE = 'liverplan:invoke';
export const IPC_EVENT = 'liverplan:event';
