/**
 * A guarded figure against its target (issue 17: first image <= 1 s, peak memory <= 2x the voxel
 * bytes, import to all phases ready <= 4x dcm2niix), as the bench table's target cell:
 * what the target is, the measured figure in the same unit, and whether it was met.
 */
export function targetCell(target: { limit: number; unit: string }, measured: number, digits = 2): string {
  if (!Number.isFinite(measured)) return `<= ${target.limit}${target.unit}: not measured`;
  const verdict = measured <= target.limit ? 'met' : 'MISSED';
  return `<= ${target.limit}${target.unit}: ${measured.toFixed(digits)}${target.unit} ${verdict}`;
}

/** The targets for the viewer figures. */
export const VIEWER_TARGETS = {
  firstImage: { limit: 1, unit: ' s' },
  peakMemoryPerVoxelBytes: { limit: 2, unit: 'x voxel bytes' },
  readyPerDcm2niix: { limit: 4, unit: 'x dcm2niix' },
} as const;
