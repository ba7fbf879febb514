import { resamplingNeeded } from './regularVolume';
import { sampleTypeFor, type SampleType } from './sampleType';
import { stackGeometry, type StackGeometry } from './stackGeometry';
import type { VolumeOpenInfo } from './volumeOpenInfo';

export interface DecodedVolumePlan {
  /** The grid the volume is shown on, and which stored file lands on which slice (`order`). */
  stack: StackGeometry;
  /** The type the host decodes the samples into. */
  type: SampleType;
}

/**
 * Whether the viewer can take a series' voxels decoded by the host, slice file by slice file,
 * straight into a volume on the stack's own grid, and how: a regular, measurable stack of
 * single-frame greyscale files the scan described in full (open info for every file). Anything
 * else (tilted or unevenly spaced stacks, which are resampled; MONOCHROME1; colour; gaps) is
 * null and loads as before.
 */
export function decodedVolumePlan(
  info: VolumeOpenInfo | null | undefined,
  fileCount: number,
): DecodedVolumePlan | null {
  if (!info || info.positions.length !== fileCount || fileCount < 2) return null;
  if (info.samplesPerPixel !== 1 || info.photometricInterpretation !== 'MONOCHROME2') return null;
  const stack = stackGeometry(
    info.positions.map((position) => ({
      position,
      orientation: info.orientation,
      pixelSpacing: info.pixelSpacing,
      rows: info.rows,
      columns: info.columns,
    })),
  );
  if (!stack.measurable || resamplingNeeded(stack)) return null;
  return { stack, type: sampleTypeFor(info) };
}
