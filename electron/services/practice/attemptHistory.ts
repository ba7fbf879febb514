import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { practiceRecordSchema, type PracticeRecord } from '../../../shared/ipc/channels/practice';
import { writeFileAtomic } from '../case/atomicWrite';

const historyFileSchema = z.object({ version: z.literal(1), attempts: z.array(practiceRecordSchema) });

/**
 * Practice attempts in <dir>/history.json, replaced atomically on every add (temp + fsync +
 * rename) so a crash keeps either the old history or the new one. Adds are serialised in-process.
 */
export function createAttemptHistory(dir: string) {
  const file = join(dir, 'history.json');
  let queue: Promise<unknown> = Promise.resolve();

  async function list(): Promise<PracticeRecord[]> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    return historyFileSchema.parse(JSON.parse(text)).attempts;
  }

  function add(record: PracticeRecord): Promise<void> {
    const job = queue.then(async () => {
      await mkdir(dir, { recursive: true });
      const attempts = await list();
      attempts.push(record);
      await writeFileAtomic(file, JSON.stringify({ version: 1, attempts }));
    });
    queue = job.catch(() => undefined);
    return job;
  }

  return { file, list, add };
}
