import { freemem, totalmem } from 'node:os';

/**
 * What loading series costs in the viewer, and whether this machine can take
 * it. Engineering limits of the viewer, not clinical thresholds:
 * - Cornerstone3D keeps each volume as Float32 (4 bytes/voxel) where norm16
 *   textures are unavailable (SwiftShader, many integrated GPUs);
 * - the WebGL upload holds about one more copy per volume while it happens;
 * - one labelmap (uint8) in the reference grid;
 * - a 3D texture side is capped at 2048 by most WebGL2 implementations.
 */
export const VIEWER_LIMITS = {
  volumeBytesPerVoxel: 4,
  uploadOverhead: 1.5,
  labelmapBytesPerVoxel: 1,
  /** The renderer may use at most this share of physical memory (the OS and main process need the rest). */
  shareOfTotal: 0.5,
  /** ...and at most this share of what is free right now. */
  shareOfFree: 0.8,
  maxTextureSide: 2048,
} as const;

export interface SeriesFootprint {
  seriesInstanceUid: string;
  description?: string;
  rows: number;
  columns: number;
  /** Slices (images, or frames of a multi-frame object). */
  slices: number;
}

export interface HostMemory {
  totalBytes: number;
  freeBytes: number;
}

export interface MemoryPlan {
  decision: 'ok' | 'downsample' | 'refuse';
  estimateBytes: number;
  budgetBytes: number;
  /** For the user: what happened and what to do. Empty when decision is ok. */
  message: string;
  /** Present with 'downsample': keep every n-th pixel in-plane and every m-th slice. */
  suggestion?: { inPlaneStep: number; sliceStep: number; estimateBytes: number };
}

export function hostMemory(): HostMemory {
  return { totalBytes: totalmem(), freeBytes: freemem() };
}

const gb = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(bytes < 10 * 1024 ** 3 ? 1 : 0)} GB`;

function estimate(series: SeriesFootprint[], withLabelmap: boolean, inPlaneStep = 1, sliceStep = 1): number {
  let bytes = 0;
  series.forEach((s, n) => {
    const voxels =
      Math.ceil(s.rows / inPlaneStep) * Math.ceil(s.columns / inPlaneStep) * Math.ceil(s.slices / sliceStep);
    bytes += voxels * VIEWER_LIMITS.volumeBytesPerVoxel * VIEWER_LIMITS.uploadOverhead;
    if (withLabelmap && n === 0) bytes += voxels * VIEWER_LIMITS.labelmapBytesPerVoxel;
  });
  return Math.ceil(bytes);
}

/**
 * Decides whether the series (the first one being the labelmap's reference)
 * fit the renderer's memory budget: ok, ok if downsampled (with the smallest
 * step that fits), or refused, each with a message a radiologist can act on.
 */
export function planMemory(series: SeriesFootprint[], host: HostMemory, withLabelmap = true): MemoryPlan {
  const budgetBytes = Math.floor(
    Math.min(host.totalBytes * VIEWER_LIMITS.shareOfTotal, host.freeBytes * VIEWER_LIMITS.shareOfFree),
  );
  const estimateBytes = estimate(series, withLabelmap);
  const tooWide = series.find((s) => Math.max(s.rows, s.columns, s.slices) > VIEWER_LIMITS.maxTextureSide);
  const what =
    series.length === 1
      ? `This series (${series[0]!.description || series[0]!.seriesInstanceUid})`
      : `These ${series.length} series`;
  if (estimateBytes <= budgetBytes && !tooWide) return { decision: 'ok', estimateBytes, budgetBytes, message: '' };

  // Smallest reduction first: in-plane halving keeps slice positions (and margins along z) intact.
  for (const [inPlaneStep, sliceStep] of [
    [2, 1],
    [3, 1],
    [4, 1],
    [2, 2],
    [4, 2],
    [4, 4],
  ] as const) {
    const reduced = estimate(series, withLabelmap, inPlaneStep, sliceStep);
    const fitsTexture = series.every(
      (s) =>
        Math.max(s.rows / inPlaneStep, s.columns / inPlaneStep, s.slices / sliceStep) <= VIEWER_LIMITS.maxTextureSide,
    );
    if (reduced <= budgetBytes && fitsTexture) {
      const why =
        tooWide && estimateBytes <= budgetBytes
          ? `${what} has ${Math.max(tooWide.rows, tooWide.columns, tooWide.slices)} voxels along one side, more than the viewer can display (${VIEWER_LIMITS.maxTextureSide}).`
          : `${what} need about ${gb(estimateBytes)} of memory; this computer can give the viewer about ${gb(budgetBytes)} now.`;
      const how = `every ${ordinal(inPlaneStep)} pixel in-plane${sliceStep > 1 ? ` and every ${ordinal(sliceStep)} slice` : ''}`;
      return {
        decision: 'downsample',
        estimateBytes,
        budgetBytes,
        message: `${why} Load at reduced resolution (${how}, about ${gb(reduced)}), or open fewer series at once (for example only the portal venous phase). Measurements on reduced data are less precise.`,
        suggestion: { inPlaneStep, sliceStep, estimateBytes: reduced },
      };
    }
  }
  return {
    decision: 'refuse',
    estimateBytes,
    budgetBytes,
    message: `${what} need about ${gb(estimateBytes)} of memory; this computer can give the viewer only about ${gb(budgetBytes)} now, too little even at reduced resolution. Open fewer series at once, close other programs, or use a workstation with more memory.`,
  };
}

function ordinal(n: number): string {
  return n === 2 ? '2nd' : n === 3 ? '3rd' : `${n}th`;
}
