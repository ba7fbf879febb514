/** The one way a job ends early: cancelled by the user, superseded by a newer job, or its case closed. */
export class JobCancelled extends Error {
  constructor() {
    super('Cancelled');
    this.name = 'JobCancelled';
  }
}

export interface WorkerRun<T> {
  /** Settles exactly once: the result, the worker's error, or JobCancelled. */
  promise: Promise<T>;
  cancel(): void;
}

/** What every LiverPlan worker posts back. */
export type WorkerReply<R> =
  { type: 'progress'; fraction: number } | { type: 'done'; result: R } | { type: 'error'; message: string };

/** Every job still running and every kept worker, so closing a case can end them all. */
const running = new Set<() => void>();
const keptWorkers = new Set<KeptWorker>();

/**
 * A worker that stays between jobs, so the next job finds what the last one prepared there
 * (the liver grow keeps its volume and the click's preparation). An error or a cancel ends it;
 * the next job starts a fresh one.
 */
export class KeptWorker {
  private worker: Worker | null = null;
  /** Cancels the job running in the worker now, if any. */
  private busy: (() => void) | null = null;

  constructor(private readonly spawn: () => Worker) {
    keptWorkers.add(this);
  }

  /**
   * The worker for a new job. A job still running in it is superseded first (its promise
   * rejects with JobCancelled and the worker ends), since one worker answers one job at a time.
   */
  take(cancelRunning: () => void): Worker {
    this.busy?.();
    this.busy = cancelRunning;
    return (this.worker ??= this.spawn());
  }

  /** The job that took the worker has settled. */
  done(cancelRunning: () => void): void {
    if (this.busy === cancelRunning) this.busy = null;
  }

  /** Ends the worker if it is this one (or whichever it holds when called without one). */
  release(worker?: Worker): void {
    if (!this.worker || (worker && worker !== this.worker)) return;
    this.worker.terminate();
    this.worker = null;
  }
}

/**
 * Runs one job in a module worker so the UI never blocks. The algorithms are synchronous loops
 * that cannot be interrupted from inside, so cancel terminates the worker. A fresh worker is
 * spawned per job unless a KeptWorker is given.
 */
export function runWorkerJob<R>(
  source: (() => Worker) | KeptWorker,
  job: unknown,
  opts: { onProgress?: (fraction: number) => void; transfer?: Transferable[]; failure: string },
): WorkerRun<R> {
  const kept = source instanceof KeptWorker ? source : null;
  const worker = kept ? kept.take(cancel) : (source as () => Worker)();
  let settle: ((outcome: { result: R } | { error: Error }) => void) | null = null;
  const end = (keepWorker: boolean) => {
    running.delete(cancel);
    kept?.done(cancel);
    settle = null;
    worker.onmessage = null;
    worker.onerror = null;
    if (keepWorker) return;
    if (kept) kept.release(worker);
    else worker.terminate();
  };
  const promise = new Promise<R>((resolve, reject) => {
    settle = (outcome) => ('result' in outcome ? resolve(outcome.result) : reject(outcome.error));
  });
  const finish = (outcome: { result: R } | { error: Error }, keepWorker: boolean) => {
    const s = settle;
    if (!s) return;
    end(keepWorker);
    s(outcome);
  };
  function cancel() {
    finish({ error: new JobCancelled() }, false);
  }
  worker.onmessage = (e: MessageEvent<WorkerReply<R>>) => {
    const m = e.data;
    if (m.type === 'progress') opts.onProgress?.(m.fraction);
    else if (m.type === 'done') finish({ result: m.result }, kept !== null);
    else finish({ error: new Error(m.message) }, false);
  };
  // A module that fails to load reports an error event without a message: say which worker failed.
  worker.onerror = (e) => finish({ error: new Error(e.message || opts.failure) }, false);
  running.add(cancel);
  try {
    worker.postMessage(job, opts.transfer ?? []);
  } catch (e) {
    // A job that cannot be cloned or transferred never reaches the worker: settle now rather than never.
    finish(
      {
        error: new Error(
          `${opts.failure} The job could not be sent to it: ${e instanceof Error ? e.message : String(e)}`,
        ),
      },
      false,
    );
  }
  return { promise, cancel };
}

/** One job at a time: starting one cancels the one before (whose promise rejects with JobCancelled). */
export class JobLane<R> {
  private current: WorkerRun<R> | null = null;

  start(run: () => WorkerRun<R>): WorkerRun<R> {
    this.cancel();
    const r = run();
    this.current = r;
    const clear = () => {
      if (this.current === r) this.current = null;
    };
    r.promise.then(clear, clear);
    return r;
  }

  cancel(): void {
    this.current?.cancel();
  }
}

/** Closing a case: every job of it is cancelled and every kept worker (and the volume it holds) ends. */
export function endAllJobs(): void {
  for (const cancel of [...running]) cancel();
  for (const k of keptWorkers) k.release();
}
