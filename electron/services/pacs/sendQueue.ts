import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { fsyncDir, writeFileAtomic } from '../case/atomicWrite';
import { acquireLock, isStale, readLock, withLock, type LockOptions } from '../locks/lockFile';
import { unavailableSecretStore, type SecretStore } from '../targets/secretStore';
import { sealedSecretSchema, sealSecret, secretOf, unsealSecret, withSecret } from '../targets/targetSecrets';
import { sendToTarget } from './sendToTarget';
import { describeTarget, targetSchema, type Target } from './target';

export const queueJobSchema = z.object({
  id: z.string(),
  label: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The target with its password or token blanked; the secret is sealed in `secret`. */
  target: targetSchema,
  secret: sealedSecretSchema.optional(),
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
 * call. A password or token travels sealed beside the target in job.json (targetSecrets: OS
 * keyring, else this session's memory), never in the clear.
 *
 * The app and the CLI may share one queue: each job folder has its own lock (locks/lockFile),
 * held while it is being written or sent, so two processes never send the same job twice, never
 * interleave writes of its job.json and never clear away a job the other is still enqueuing.
 */
export class SendQueue {
  private readonly running = new Map<string, Promise<QueueJob>>();
  private readonly lockOptions: LockOptions;

  constructor(
    readonly rootDir: string,
    private readonly send: typeof sendToTarget = sendToTarget,
    app: 'app' | 'cli' = 'app',
    private readonly secrets: SecretStore = unavailableSecretStore,
  ) {
    this.lockOptions = { app, subject: 'send-job' };
  }

  private secretKey(id: string): string {
    return `${this.rootDir}#${id}`;
  }

  /** Whether another live process holds this job's folder (sending or enqueuing it). */
  private async busyElsewhere(dir: string): Promise<boolean> {
    const lock = await readLock(dir);
    return lock !== null && !isStale(lock, Date.now());
  }

  /** Copies the instances in and persists the job as pending. */
  async enqueue(target: Target, instances: { name: string; bytes: Uint8Array }[], label: string): Promise<QueueJob> {
    if (!instances.length) throw new Error('nothing to send');
    const id = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}`;
    const dir = join(this.rootDir, id);
    // Held until job.json exists, so another process's list() does not take the folder for debris.
    const lock = await this.lockNewJob(dir);
    try {
      return await this.fill(dir, id, target, instances, label);
    } finally {
      await lock.release();
    }
  }

  /** Another process's list() may clear the empty folder before its lock exists: make it again once. */
  private async lockNewJob(dir: string) {
    for (let attempt = 0; ; attempt++) {
      await mkdir(dir, { recursive: true });
      try {
        return await acquireLock(dir, this.lockOptions);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || attempt > 0) throw e;
      }
    }
  }

  private async fill(
    dir: string,
    id: string,
    target: Target,
    instances: { name: string; bytes: Uint8Array }[],
    label: string,
  ): Promise<QueueJob> {
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
      target: withSecret(targetSchema.parse(target), ''),
      ...(secretOf(target) ? { secret: await sealSecret(secretOf(target), this.secrets, this.secretKey(id)) } : {}),
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
      const dir = join(this.rootDir, entry.name);
      let text: string;
      try {
        text = await readFile(join(dir, JOB_FILE), 'utf8');
      } catch {
        if (!(await this.busyElsewhere(dir))) await rm(dir, { recursive: true, force: true });
        continue;
      }
      const job = queueJobSchema.parse(JSON.parse(text));
      const plain = secretOf(job.target);
      if (plain && !(await this.busyElsewhere(dir))) {
        // Queued before secrets were sealed: seal it now.
        job.target = withSecret(job.target, '');
        job.secret = await sealSecret(plain, this.secrets, this.secretKey(job.id));
        await this.save(job);
      }
      // 'sending' with no live sender: the sender crashed. Another process still sending it keeps it.
      if (job.state === 'sending' && !this.running.has(job.id) && !(await this.busyElsewhere(dir))) {
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
    for (const job of await this.list()) {
      if (job.state !== 'pending' || (await this.busyElsewhere(join(this.rootDir, job.id)))) continue;
      out.push(await this.process(job.id, signal));
    }
    return out;
  }

  /** Drops a job and its files (after success, or when the user gives up on it). */
  async remove(id: string): Promise<void> {
    await this.get(id);
    const dir = join(this.rootDir, id);
    await withLock(dir, this.lockOptions, () => rm(dir, { recursive: true, force: true }));
  }

  /** Sends under the job's lock: a job another process is sending is refused (LockedError), not sent twice. */
  private async run(id: string, signal?: AbortSignal): Promise<QueueJob> {
    await this.get(id);
    return withLock(join(this.rootDir, id), this.lockOptions, () => this.sendJob(id, signal));
  }

  private async sendJob(id: string, signal?: AbortSignal): Promise<QueueJob> {
    const job = await this.get(id);
    if (job.state === 'done') return job;
    job.state = 'sending';
    job.attempts += 1;
    await this.save(job);
    const secret = secretOf(job.target) || (await unsealSecret(job.secret, this.secrets, this.secretKey(id)));
    try {
      if (job.secret && !secret)
        throw new Error(
          'its password was kept only for the session that queued it (this computer has no OS keyring); send it again from the report',
        );
      await this.send(
        withSecret(job.target, secret),
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
