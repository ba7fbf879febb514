export interface SaveSchedulerOptions {
  /** A save starts this long after the last edit... */
  quietMs: number;
  /** ...but no later than this after the first edit it has not saved yet, so steady editing still saves. */
  maxWaitMs: number;
  /** After a save that failed, the next attempt comes this long after (unless an edit comes first). */
  retryMs: number;
  /** Writes what is pending; resolves false (or rejects) when it could not be written. */
  save(): Promise<boolean>;
  /** The clock, in ms (Date.now unless a test gives its own). */
  now?: () => number;
}

/**
 * When autosave writes: debounced on edits with a maximum wait, one save at a time, nothing when
 * nothing was edited. A save starts quietMs after the last edit, or maxWaitMs after the first edit
 * not yet saved if edits keep coming; edits made while a save runs are saved after it by the same
 * rule; a failed save is retried after retryMs. Pure scheduling: what a save writes, and whether
 * there is anything to write, is the caller's.
 */
export class SaveScheduler {
  /** When the oldest edit not covered by a started save was made, or null when there is none. */
  private firstEdit: number | null = null;
  private lastEdit = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private saving = false;
  private disposed = false;
  private readonly now: () => number;

  constructor(private readonly opts: SaveSchedulerOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** Something the next save must include was edited. */
  edited(): void {
    if (this.disposed) return;
    const t = this.now();
    this.firstEdit ??= t;
    this.lastEdit = t;
    if (!this.saving) this.arm(Math.min(this.lastEdit + this.opts.quietMs, this.firstEdit + this.opts.maxWaitMs));
  }

  /** Whether an edit is waiting for a save that has not started yet. */
  get pending(): boolean {
    return this.firstEdit !== null;
  }

  /** Stops for good: no save starts after this (one already running finishes on its own). */
  dispose(): void {
    this.disposed = true;
    this.clear();
  }

  private clear(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(at: number): void {
    this.clear();
    this.timer = setTimeout(() => void this.fire(), Math.max(0, at - this.now()));
  }

  private async fire(): Promise<void> {
    this.timer = null;
    if (this.disposed || this.firstEdit === null) return;
    // Edits from here on come after this save's snapshot: they start the next wait.
    this.firstEdit = null;
    this.saving = true;
    let saved = false;
    try {
      saved = await this.opts.save();
    } catch {
      saved = false;
    } finally {
      this.saving = false;
    }
    if (this.disposed) return;
    if (!saved) {
      this.firstEdit ??= this.now();
      this.arm(this.now() + this.opts.retryMs);
    } else if (this.firstEdit !== null) {
      this.arm(Math.min(this.lastEdit + this.opts.quietMs, this.firstEdit + this.opts.maxWaitMs));
    }
  }
}
