import { cStore } from './dimse';
import { sendToFolder } from './sendFolder';
import { stowRs } from './stowRs';
import type { Target } from './target';

/** Sends Part 10 files to any target; throws with a reason a user can act on. */
export async function sendToTarget(target: Target, files: string[], signal?: AbortSignal): Promise<void> {
  if (target.kind === 'folder') await sendToFolder(target.path, files);
  else if (target.kind === 'dicomweb') await stowRs(target, files, signal);
  else await cStore(target, files, signal);
}
