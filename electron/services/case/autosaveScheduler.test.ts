import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAutosaveScheduler } from './autosaveScheduler';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('autosave scheduler', () => {
  it('writes within one interval of the first edit and coalesces edits made meanwhile', async () => {
    const writes: number[] = [];
    const s = createAutosaveScheduler({ intervalMs: 1000, write: async () => void writes.push(Date.now()) });
    const t0 = Date.now();
    s.markDirty();
    await vi.advanceTimersByTimeAsync(400);
    s.markDirty();
    s.markDirty();
    await vi.advanceTimersByTimeAsync(600);
    expect(writes).toEqual([t0 + 1000]);
    await vi.advanceTimersByTimeAsync(5000);
    expect(writes).toHaveLength(1);
  });

  it('never overlaps writes; edits during a slow write get their own write after it', async () => {
    let active = 0;
    let maxActive = 0;
    let count = 0;
    const s = createAutosaveScheduler({
      intervalMs: 100,
      write: async () => {
        active++;
        maxActive = Math.max(maxActive, active);
        await new Promise((r) => setTimeout(r, 250));
        active--;
        count++;
      },
    });
    s.markDirty();
    await vi.advanceTimersByTimeAsync(150);
    s.markDirty();
    await vi.advanceTimersByTimeAsync(1000);
    expect(count).toBe(2);
    expect(maxActive).toBe(1);
  });

  it('keeps edits pending after a failed write and retries; flush writes at once', async () => {
    const errors: unknown[] = [];
    let fail = true;
    let ok = 0;
    const s = createAutosaveScheduler({
      intervalMs: 100,
      write: async () => {
        if (fail) throw new Error('disk full');
        ok++;
      },
      onError: (e) => errors.push(e),
    });
    s.markDirty();
    await vi.advanceTimersByTimeAsync(100);
    expect(errors).toHaveLength(1);
    fail = false;
    await vi.advanceTimersByTimeAsync(100);
    expect(ok).toBe(1);
    s.markDirty();
    await s.flush();
    expect(ok).toBe(2);
    s.dispose();
  });
});
