import { existsSync } from 'node:fs';
import { caseDir, isCaseId } from '../case/caseLayout';
import { acquireLock, type HeldLock } from './lockFile';

/**
 * The cases one host has open for writing, each under its folder's lock, so a second
 * LiverPlan or the CLI is told who has it instead of both writing the journal. A window works
 * on one case at a time: opening another releases the previous one.
 */
export function createCaseLocks(root: string, app: 'app' | 'cli') {
  const held = new Map<string, HeldLock>();
  // Autosave and save can arrive together: take and drop locks one at a time.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const next = queue.then(job, job);
    queue = next.catch(() => undefined);
    return next;
  };

  /** Takes (or confirms) the lock of a case; throws LockedError when another process has it. */
  function hold(caseId: string, { exclusive = true } = {}): Promise<void> {
    return serial(() => take(caseId, exclusive));
  }

  async function take(caseId: string, exclusive: boolean): Promise<void> {
    if (!isCaseId(caseId)) return; // the store refuses the id with its own message
    const dir = caseDir(root, caseId);
    if (!existsSync(dir)) return; // nothing to guard; the store says the case is gone
    if (exclusive)
      for (const [id, lock] of held)
        if (id !== caseId) {
          held.delete(id);
          await lock.release();
        }
    const mine = held.get(caseId);
    if (mine?.held()) return;
    held.delete(caseId);
    held.set(caseId, await acquireLock(dir, { app, subject: 'case' }));
  }

  function release(caseId: string): Promise<void> {
    return serial(async () => {
      const lock = held.get(caseId);
      held.delete(caseId);
      await lock?.release();
    });
  }

  /** Runs a one-off write (delete) under the case's lock without changing which case is open. */
  async function around<T>(caseId: string, job: () => Promise<T>): Promise<T> {
    const had = held.has(caseId);
    await hold(caseId, { exclusive: false });
    try {
      return await job();
    } finally {
      if (!had) await release(caseId);
    }
  }

  return { hold, release, around };
}
