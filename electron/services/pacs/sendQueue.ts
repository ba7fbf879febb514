import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { fsyncDir, writeFileAtomic } from '../case/atomicWrite';
import { sendToTarget } from './sendToTarget';
import { describeTarget, targetSchema, type Target } from './target';

export const queueJobSchema = z.object({
  id: z.string(),
  label: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  target: targetSchema,
  /** Instance file names inside the job folder. */
  files: z.array(z.string()),
  state: z.enum(['pending', 'sending', 'done', 'failed']),
  attempts: z.number().int(),
  lastError: z.string().optional(),
  sentAt: z.string().optional(),
});
export type QueueJob = z.infer<typeof queueJobSchema>;
/** What lists show: the target without its secrets. */
export type QueueJobSummary = Omit<QueueJob, 'target'> & { target: string };

const JOB_FILE = 'job.json';

/**
 * A send queue that survives restarts and PACS outages. Each job is a folder
 * under rootDir holding its own copy of the instances and a job.json written
 * atomically after the copies are durable, so a crash leaves either no job or
 * a complete one. Failed jobs keep their files and the reason; retry is one
 * call. Credentials travel in job.json (mode 0600, inside the user data dir).
 */
export class SendQueue {
  private readonly running = new Map<string, Promise<QueueJob>>();

  constructor(
    readonly rootDir: string,
    private readonly send: typeof sendToTarget = sendToTarget,
  ) {}

  /** Copies the instances in and persists the job as pending. */
  async enqueue(target: Target, instances: { name: string; bytes: Uint8Array }[], label: string): Promise<QueueJob> {
    if (!instances.length) throw new Error('nothing to send');
    const id = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}`;
    const dir = join(this.rootDir, id);
    await mkdir(dir, { recursive: true });
    const files: string[] = [];
    for (const [n, inst] of instances.entries()) {
      const name = `${String(n + 1).padStart(4, '0')}-${inst.name.replace(/[^A-Za-z0-9._-]/g, '_')}`;
      await writeFileAtomic(join(dir, name), inst.bytes);
      files.push(name);
    }
    const now = new Date().toISOString();
    const job: QueueJob = {
      id,
      label,
      createdAt: now,
      updatedAt: now,
      target: targetSchema.parse(target),
      files,
      state: 'pending',
      attempts: 0,
    };
    await this.save(job);
    await fsyncDir(this.rootDir);
    return job;
  }

  /** Every job, oldest first. A job interrupted mid-send (crash) is pending again; half-enqueued debris is removed. */
  async list(): Promise<QueueJob[]> {
    await mkdir(this.rootDir, { recursive: true });
    const jobs: QueueJob[] = [];
    for (const entry of (await readdir(this.rootDir, { withFileTypes: true })).filter((e) => e.isDirectory())) {
      let text: string;
      try {
        text = await readFile(join(this.rootDir, entry.name, JOB_FILE), 'utf8');
      } catch {
        await rm(join(this.rootDir, entry.name), { recursive: true, force: true });
        continue;
      }
      const job = queueJobSchema.parse(JSON.parse(text));
      if (job.state === 'sending' && !this.running.has(job.id)) {
        job.state = 'pending';
        await this.save(job);
      }
      jobs.push(job);
    }
    return jobs.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  async get(id: string): Promise<QueueJob> {
    if (!/^[A-Za-z0-9-]+$/.test(id)) throw new Error(`no send job '${id}'`);
    try {
      return queueJobSchema.parse(JSON.parse(await readFile(join(this.rootDir, id, JOB_FILE), 'utf8')));
    } catch {
      throw new Error(`no send job '${id}'`);
    }
  }

  /** Sends one job now (pending or failed); resolves with its new state, never throws for send failures. */
  process(id: string, signal?: AbortSignal): Promise<QueueJob> {
    const existing = this.running.get(id);
    if (existing) return existing;
    const run = this.run(id, signal).finally(() => this.running.delete(id));
    this.running.set(id, run);
    return run;
  }

  /** One call to try a failed job again. */
  retry(id: string, signal?: AbortSignal): Promise<QueueJob> {
    return this.process(id, signal);
  }

  /** Sends every pending job (e.g. at start-up, after an outage). */
  async processPending(signal?: AbortSignal): Promise<QueueJob[]> {
    const out: QueueJob[] = [];
    for (const job of await this.list()) if (job.state === 'pending') out.push(await this.process(job.id, signal));
    return out;
  }

  /** Drops a job and its files (after success, or when the user gives up on it). */
  async remove(id: string): Promise<void> {
    await this.get(id);
    await rm(join(this.rootDir, id), { recursive: true, force: true });
  }

  private async run(id: string, signal?: AbortSignal): Promise<QueueJob> {
    const job = await this.get(id);
    if (job.state === 'done') return job;
    job.state = 'sending';
    job.attempts += 1;
    await this.save(job);
    try {
      await this.send(
        job.target,
        job.files.map((f) => join(this.rootDir, id, f)),
        signal,
      );
      job.state = 'done';
      job.sentAt = new Date().toISOString();
      delete job.lastError;
    } catch (e) {
      job.state = 'failed';
      job.lastError = `${describeTarget(job.target)}: ${e instanceof Error ? e.message : String(e)}`;
    }
    await this.save(job);
    return job;
  }

  private async save(job: QueueJob): Promise<void> {
    job.updatedAt = new Date().toISOString();
    await writeFileAtomic(join(this.rootDir, job.id, JOB_FILE), JSON.stringify(job, null, 2));
  }
}

export function summariseJob(job: QueueJob): QueueJobSummary {
  return { ...job, target: describeTarget(job.target) };
}
