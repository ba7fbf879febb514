import { describe, expect, it } from 'vitest';
import { endAllJobs, JobCancelled, JobLane, KeptWorker, runWorkerJob, type WorkerReply } from './workerJob';

/** A stand-in for a module worker: records what it was sent, answers when told to. */
class FakeWorker {
  onmessage: ((e: MessageEvent<WorkerReply<number>>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  sent: unknown[] = [];
  terminated = false;
  postMessage(job: unknown): void {
    this.sent.push(job);
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(m: WorkerReply<number>): void {
    this.onmessage?.({ data: m } as MessageEvent<WorkerReply<number>>);
  }
}

const spawner = () => {
  const made: FakeWorker[] = [];
  const spawn = () => {
    const w = new FakeWorker();
    made.push(w);
    return w as unknown as Worker;
  };
  return { made, spawn };
};

describe('runWorkerJob', () => {
  it('reports progress, resolves once and ends a fresh worker', async () => {
    const { made, spawn } = spawner();
    const progress: number[] = [];
    const run = runWorkerJob<number>(spawn, { op: 'x' }, { onProgress: (f) => progress.push(f), failure: 'f' });
    made[0]!.reply({ type: 'progress', fraction: 0.5 });
    made[0]!.reply({ type: 'done', result: 7 });
    run.cancel();
    await expect(run.promise).resolves.toBe(7);
    expect(progress).toEqual([0.5]);
    expect(made[0]!.terminated).toBe(true);
  });

  it('rejects with the worker error and with JobCancelled on cancel', async () => {
    const { made, spawn } = spawner();
    const failing = runWorkerJob<number>(spawn, {}, { failure: 'f' });
    made[0]!.reply({ type: 'error', message: 'bad input' });
    await expect(failing.promise).rejects.toThrow('bad input');
    const cancelled = runWorkerJob<number>(spawn, {}, { failure: 'f' });
    cancelled.cancel();
    await expect(cancelled.promise).rejects.toBeInstanceOf(JobCancelled);
    expect(made[1]!.terminated).toBe(true);
  });

  it('keeps a kept worker after a result and ends it on cancel', async () => {
    const { made, spawn } = spawner();
    const kept = new KeptWorker(spawn);
    const first = runWorkerJob<number>(kept, {}, { failure: 'f' });
    made[0]!.reply({ type: 'done', result: 1 });
    await first.promise;
    const second = runWorkerJob<number>(kept, {}, { failure: 'f' });
    expect(made).toHaveLength(1);
    expect(made[0]!.sent).toHaveLength(2);
    second.cancel();
    await expect(second.promise).rejects.toBeInstanceOf(JobCancelled);
    expect(made[0]!.terminated).toBe(true);
    const third = runWorkerJob<number>(kept, {}, { failure: 'f' });
    third.cancel();
    await expect(third.promise).rejects.toBeInstanceOf(JobCancelled);
    expect(made).toHaveLength(2);
  });

  it('settles a superseded job of a lane with JobCancelled', async () => {
    const { made, spawn } = spawner();
    const lane = new JobLane<number>();
    const older = lane.start(() => runWorkerJob<number>(spawn, {}, { failure: 'f' }));
    const newer = lane.start(() => runWorkerJob<number>(spawn, {}, { failure: 'f' }));
    await expect(older.promise).rejects.toBeInstanceOf(JobCancelled);
    made[1]!.reply({ type: 'done', result: 2 });
    await expect(newer.promise).resolves.toBe(2);
  });

  it('ends every running job and kept worker when a case closes', async () => {
    const { made, spawn } = spawner();
    const kept = new KeptWorker(spawn);
    const a = runWorkerJob<number>(spawn, {}, { failure: 'f' });
    const b = runWorkerJob<number>(kept, {}, { failure: 'f' });
    made[1]!.reply({ type: 'done', result: 3 });
    await b.promise;
    endAllJobs();
    await expect(a.promise).rejects.toBeInstanceOf(JobCancelled);
    expect(made.every((w) => w.terminated)).toBe(true);
  });
});
