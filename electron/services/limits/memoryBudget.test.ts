import { describe, expect, it } from 'vitest';
import { hostMemory, planMemory, VIEWER_LIMITS, type SeriesFootprint } from './memoryBudget';

const GiB = 1024 ** 3;
const ct = (slices: number, uid = 'pv'): SeriesFootprint => ({
  seriesInstanceUid: uid,
  description: 'PV 1.0',
  rows: 512,
  columns: 512,
  slices,
});

describe('memory budget', () => {
  it('accepts a three-phase liver CT on a 16 GB workstation', () => {
    const plan = planMemory([ct(400, 'a'), ct(400, 'b'), ct(400, 'c')], { totalBytes: 16 * GiB, freeBytes: 12 * GiB });
    expect(plan.decision).toBe('ok');
    // 3 x 512x512x400 x 4 B x 1.5 + one uint8 labelmap
    expect(plan.estimateBytes).toBe(3 * 512 * 512 * 400 * 4 * 1.5 + 512 * 512 * 400);
    expect(plan.budgetBytes).toBe(8 * GiB);
  });

  it('suggests the smallest downsampling that fits, and says what to do', () => {
    const plan = planMemory([ct(2000, 'a'), ct(2000, 'b')], { totalBytes: 8 * GiB, freeBytes: 5 * GiB });
    expect(plan.decision).toBe('downsample');
    expect(plan.suggestion).toEqual({ inPlaneStep: 2, sliceStep: 1, estimateBytes: expect.any(Number) });
    expect(plan.suggestion!.estimateBytes).toBeLessThanOrEqual(plan.budgetBytes);
    expect(plan.message).toMatch(/need about 6\.3 GB.*about 4\.0 GB.*every 2nd pixel in-plane.*open fewer series/);
  });

  it('refuses with a clear message when even reduced data cannot fit', () => {
    const plan = planMemory([ct(3000, 'a'), ct(3000, 'b'), ct(3000, 'c')], {
      totalBytes: 2 * GiB,
      freeBytes: 0.1 * GiB,
    });
    expect(plan.decision).toBe('refuse');
    expect(plan.message).toMatch(/too little even at reduced resolution\. Open fewer series/);
  });

  it('flags a side longer than a 3D texture allows even when memory suffices', () => {
    const plan = planMemory(
      [{ seriesInstanceUid: 'x', rows: 512, columns: 512, slices: VIEWER_LIMITS.maxTextureSide + 100 }],
      { totalBytes: 64 * GiB, freeBytes: 60 * GiB },
    );
    expect(plan.decision).toBe('downsample');
    expect(plan.suggestion).toMatchObject({ inPlaneStep: 2, sliceStep: 2 });
    expect(plan.message).toMatch(/more than the viewer can display/);
  });

  it('reads this machine', () => {
    const host = hostMemory();
    expect(host.totalBytes).toBeGreaterThan(host.freeBytes);
    expect(planMemory([ct(10)], host).decision).toBe('ok');
  });
});
