import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SaveScheduler } from './saveScheduler';

const OPTS = { quietMs: 1000, maxWaitMs: 3000, retryMs: 4000 };

/** A scheduler whose saves are recorded (ms since the start) and finish after `saveMs`. */
function setup(results: boolean[] = [], saveMs = 0) {
  const start = Date.now();
  const saves: number[] = [];
  const s = new SaveScheduler({
    ...OPTS,
    save: () => {
      saves.push(Date.now() - start);
      const ok = results.length ? results.shift()! : true;
      return saveMs ? new Promise<boolean>((resolve) => setTimeout(() => resolve(ok), saveMs)) : Promise.resolve(ok);
    },
  });
  return { s, saves };
}

describe('SaveScheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('saves nothing when nothing was edited', async () => {
    const { saves } = setup();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(saves).toEqual([]);
  });

  it('saves once, one quiet second after the last of a burst of edits', async () => {
    const { s, saves } = setup();
    s.edited();
    await vi.advanceTimersByTimeAsync(400);
    s.edited();
    await vi.advanceTimersByTimeAsync(400);
    s.edited(); // at 800 ms
    await vi.advanceTimersByTimeAsync(999);
    expect(saves).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(saves).toEqual([1800]);
    expect(s.pending).toBe(false);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(saves).toEqual([1800]);
  });

  it('still saves every maxWaitMs while edits never pause', async () => {
    const { s, saves } = setup();
    for (let t = 0; t < 7000; t += 200) {
      s.edited();
      await vi.advanceTimersByTimeAsync(200);
    }
    // First edit at 0: saved at 3000; the next first edit at 3000 (after that save began): saved at 6000.
    expect(saves).toEqual([3000, 6000]);
    await vi.advanceTimersByTimeAsync(1000);
    // The last edit (6800) is saved one quiet second later.
    expect(saves).toEqual([3000, 6000, 7800]);
  });

  it('saves edits made during a save after it, one save at a time', async () => {
    const { s, saves } = setup([], 500);
    s.edited();
    await vi.advanceTimersByTimeAsync(1000); // save starts at 1000, runs until 1500
    expect(saves).toEqual([1000]);
    await vi.advanceTimersByTimeAsync(100);
    s.edited(); // at 1100, while saving
    await vi.advanceTimersByTimeAsync(900); // 2000: quiet second after 1100 is 2100
    expect(saves).toEqual([1000]);
    await vi.advanceTimersByTimeAsync(100);
    expect(saves).toEqual([1000, 2100]);
  });

  it('retries a failed save after retryMs, and an edit brings the retry forward', async () => {
    const { s, saves } = setup([false, false, true]);
    s.edited();
    await vi.advanceTimersByTimeAsync(1000);
    expect(saves).toEqual([1000]);
    await vi.advanceTimersByTimeAsync(4000);
    expect(saves).toEqual([1000, 5000]);
    await vi.advanceTimersByTimeAsync(500);
    s.edited(); // at 5500: one quiet second, sooner than the retry at 9000
    await vi.advanceTimersByTimeAsync(1000);
    expect(saves).toEqual([1000, 5000, 6500]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(saves).toEqual([1000, 5000, 6500]);
  });

  it('treats a rejected save as failed', async () => {
    let calls = 0;
    const s = new SaveScheduler({
      ...OPTS,
      save: () => (++calls === 1 ? Promise.reject(new Error('disk full')) : Promise.resolve(true)),
    });
    s.edited();
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(4000);
    expect(calls).toBe(2);
  });

  it('starts no save once disposed', async () => {
    const { s, saves } = setup();
    s.edited();
    s.dispose();
    s.edited();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(saves).toEqual([]);
  });
});
