/** Default longest time an edit may stay unsaved: what a crash can cost at most. */
export const AUTOSAVE_INTERVAL_MS = 10_000;

/**
 * Bounded-interval autosave: after markDirty() a write starts within
 * intervalMs, edits made while a write runs are coalesced into the next one,
 * and writes never overlap. Pure timers, no IO, so the renderer can use the
 * same policy (move to shared/case if it does).
 */
export function createAutosaveScheduler(options: {
  intervalMs?: number;
  write: () => Promise<void>;
  onError?: (e: unknown) => void;
}) {
  const intervalMs = options.intervalMs ?? AUTOSAVE_INTERVAL_MS;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let dirty = false;
  let running: Promise<void> | null = null;

  async function run(): Promise<void> {
    timer = null;
    if (running) return;
    dirty = false;
    running = options.write().catch((e: unknown) => {
      dirty = true; // keep the edits pending; retry on the next tick
      options.onError?.(e);
    });
    await running;
    running = null;
    if (dirty) schedule();
  }

  function schedule(): void {
    if (!timer && !running) timer = setTimeout(() => void run(), intervalMs);
  }

  return {
    markDirty(): void {
      dirty = true;
      schedule();
    },
    /** Writes now if anything is pending (on close, before export). */
    async flush(): Promise<void> {
      if (running) await running;
      if (timer) clearTimeout(timer);
      if (dirty) await run();
    },
    dispose(): void {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
