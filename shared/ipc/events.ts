import { z } from 'zod';
import { queueJobSummarySchema } from './channels/export';
import { retrieveProgressSchema } from './channels/pacs';

const progress = z.object({ done: z.number(), total: z.number() });

/**
 * Every event the host may push to the renderer: topic -> payload schema, like the request
 * channels. The dispatcher drops (and logs) anything not declared here, and the preload's
 * `on(topic, handler)` hands each listener its topic's payload type.
 */
export const hostEvents = {
  /** dicom:scan progress (files read of those found), at most ~10 a second. */
  'scan-progress': progress,
  /** samples:open progress while a sample case is generated. */
  'sample-progress': progress.extend({ what: z.string() }),
  /** pacs:retrieve progress: instances received of those the PACS announced. */
  'pacs-retrieve-progress': retrieveProgressSchema,
  /** A job of the export queue changed (queued, sending, sent, failed). */
  'export-queue': queueJobSummarySchema,
};

export type HostEvents = typeof hostEvents;
export type HostTopic = keyof HostEvents;
export type HostEventPayload<T extends HostTopic> = z.output<HostEvents[T]>;

/** One pushed event; `jobId` ties progress to the request that started the job. */
export type HostEvent<T extends HostTopic = HostTopic> = {
  [K in T]: { topic: K; jobId?: string; payload: HostEventPayload<K> };
}[T];

export function isHostTopic(value: unknown): value is HostTopic {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(hostEvents, value);
}

/** The event if its topic is declared and its payload matches; otherwise why not (for the host's log). */
export function checkHostEvent(event: { topic: unknown; jobId?: unknown; payload: unknown }): HostEvent | string {
  if (!isHostTopic(event.topic)) return `undeclared event topic ${String(event.topic).slice(0, 80)}`;
  if (event.jobId !== undefined && typeof event.jobId !== 'string')
    return `event ${event.topic}: jobId is not a string`;
  const parsed = hostEvents[event.topic].safeParse(event.payload);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return `event ${event.topic}: payload ${first?.path.join('.') ?? ''} ${first?.message ?? 'malformed'}`;
  }
  return event as HostEvent;
}
