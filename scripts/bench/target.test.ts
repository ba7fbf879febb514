import { describe, expect, it } from 'vitest';
import { targetCell, VIEWER_TARGETS } from './target';

describe('targetCell', () => {
  it('says met at or under the limit and MISSED over it, with the measured figure', () => {
    expect(targetCell(VIEWER_TARGETS.firstImage, 0.84)).toBe('<= 1 s: 0.84 s met');
    expect(targetCell(VIEWER_TARGETS.firstImage, 1)).toBe('<= 1 s: 1.00 s met');
    expect(targetCell(VIEWER_TARGETS.firstImage, 1.08)).toBe('<= 1 s: 1.08 s MISSED');
    expect(targetCell(VIEWER_TARGETS.peakMemoryPerVoxelBytes, 6.44, 1)).toBe(
      '<= 2x voxel bytes: 6.4x voxel bytes MISSED',
    );
    expect(targetCell(VIEWER_TARGETS.readyPerDcm2niix, 3.2, 1)).toBe('<= 4x dcm2niix: 3.2x dcm2niix met');
  });

  it('says when a figure could not be measured rather than comparing NaN', () => {
    expect(targetCell(VIEWER_TARGETS.readyPerDcm2niix, Number.NaN)).toBe('<= 4x dcm2niix: not measured');
  });
});
