import type { Types } from '@cornerstonejs/core';
import type { Grid, ScalarVolume, Vec3 } from '../../../shared/volume/grid';

/**
 * The shared Grid of a Cornerstone volume. Cornerstone keeps the same
 * convention as shared/volume/grid: dimensions [columns, rows, slices],
 * spacing [column, row, slice] and direction = row cosines, column cosines,
 * normal, with origin at the centre of voxel (0,0,0) in LPS mm.
 */
export function gridOfVolume(volume: Types.IImageVolume): Grid {
  const d = Array.from(volume.direction);
  return {
    dims: [...volume.dimensions] as Vec3,
    spacing: [...volume.spacing] as Vec3,
    origin: [...volume.origin] as Vec3,
    direction: d as Grid['direction'],
  };
}

/** A copy of the intensities of a volume (HU for CT) on its grid, for a worker. */
export function scalarOfVolume(volume: Types.IImageVolume): ScalarVolume {
  const vm = volume.voxelManager as unknown as { getCompleteScalarDataArray(): ArrayLike<number> };
  const raw = vm.getCompleteScalarDataArray();
  const data =
    raw instanceof Float32Array || raw instanceof Int16Array || raw instanceof Uint16Array
      ? raw.slice()
      : Float32Array.from(raw);
  return { grid: gridOfVolume(volume), data };
}
