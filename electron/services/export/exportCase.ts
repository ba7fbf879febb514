import { join } from 'node:path';
import { SendQueue, type QueueJob } from '../pacs/sendQueue';
import type { Target } from '../pacs/target';
import { assembleExport, type AssembledExport, type ExportOptions } from './assembleExport';
import { loadCase } from './loadCase';

/** Where the send queue lives under a user data folder. */
export function queueDir(userDataDir: string): string {
  return join(userDataDir, 'send-queue');
}

export interface ExportResult {
  job: QueueJob;
  assembled: AssembledExport;
}

/**
 * Exports a case folder to a target through the persistent queue: the job is
 * durable before the first byte is sent, so a failure leaves it queued with
 * its reason for a one-call retry.
 */
export async function exportCase(
  caseDir: string,
  target: Target,
  queue: SendQueue,
  options: ExportOptions & { signal?: AbortSignal },
): Promise<ExportResult> {
  const loaded = await loadCase(caseDir);
  const assembled = await assembleExport(loaded, options);
  const label = `${loaded.caseDoc.caseId}${options.deidentify ? ' (de-identified)' : ''}: ${assembled.instances.length} objects`;
  const queued = await queue.enqueue(target, assembled.instances, label);
  const job = await queue.process(queued.id, options.signal);
  return { job, assembled };
}
