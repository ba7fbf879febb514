import { describe, expect, it } from 'vitest';
import { endAllJobs, JobCancelled, JobLane, KeptWorker, runWorkerJob, type WorkerReply } from './workerJob';

/** A stand-in for a module worker: records what it was sent, answers when told to. */
class FakeWorker {
  onmessage: ((e: MessageEvent<WorkerReply<number>>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  sent: unknown[] = [];
  terminated = false;
  /** Set to make postMessage throw, as a job that cannot be cloned does. */
  refuse: Error | null = null;
  postMessage(job: unknown): void {
    if (this.refuse) throw this.refuse;
    this.sent.push(job);
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(m: WorkerReply<number>): void {
    this.onmessage?.({ data: m } as MessageEvent<WorkerReply<number>>);
  }
}

const spawner = (refuse: Error | null = null) => {
  const made: FakeWorker[] = [];
  const spawn = () => {
    const w = new FakeWorker();
    w.refuse = refuse;
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

  it('rejects with the worker name when the worker fails to load (an error event without a message)', async () => {
    const { made, spawn } = spawner();
    const run = runWorkerJob<number>(spawn, {}, { failure: 'The segmentation worker failed to start.' });
    made[0]!.onerror?.({ message: '' } as ErrorEvent);
    await expect(run.promise).rejects.toThrow('The segmentation worker failed to start.');
    expect(made[0]!.terminated).toBe(true);
    const thrown = runWorkerJob<number>(spawn, {}, { failure: 'f' });
    made[1]!.onerror?.({ message: 'Uncaught RangeError: Invalid array length' } as ErrorEvent);
    await expect(thrown.promise).rejects.toThrow('Uncaught RangeError: Invalid array length');
  });

  it('rejects, and ends the worker, when the job cannot be sent to it', async () => {
    const { made, spawn } = spawner(new Error('ArrayBuffer is detached'));
    const run = runWorkerJob<number>(spawn, {}, { failure: 'The ablation worker failed to start.' });
    await expect(run.promise).rejects.toThrow(
      'The ablation worker failed to start. The job could not be sent to it: ArrayBuffer is detached',
    );
    expect(made[0]!.terminated).toBe(true);
    // Nothing is left running for a closing case to cancel.
    endAllJobs();
    await expect(run.promise).rejects.not.toBeInstanceOf(JobCancelled);
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
    expect(made[0]!.terminated).toBe(true);
    // A late answer of the superseded worker changes nothing.
    made[0]!.reply({ type: 'done', result: 1 });
    made[1]!.reply({ type: 'done', result: 2 });
    await expect(newer.promise).resolves.toBe(2);
  });

  it('settles a job superseded on a kept worker with JobCancelled, and runs the new one in a fresh worker', async () => {
    const { made, spawn } = spawner();
    const kept = new KeptWorker(spawn);
    const older = runWorkerJob<number>(kept, { stroke: 1 }, { failure: 'f' });
    const newer = runWorkerJob<number>(kept, { stroke: 2 }, { failure: 'f' });
    await expect(older.promise).rejects.toBeInstanceOf(JobCancelled);
    expect(made[0]!.terminated).toBe(true);
    expect(made[1]!.sent).toEqual([{ stroke: 2 }]);
    made[1]!.reply({ type: 'done', result: 5 });
    await expect(newer.promise).resolves.toBe(5);
    // The finished job no longer counts as running: the next one keeps the worker.
    const next = runWorkerJob<number>(kept, { stroke: 3 }, { failure: 'f' });
    expect(made).toHaveLength(2);
    next.cancel();
    await expect(next.promise).rejects.toBeInstanceOf(JobCancelled);
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
