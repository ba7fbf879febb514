import type { ScalarVolume } from '../volume/grid';
import { resampleStack } from './resampleStack';
import { stackGeometry, type SlicePlane, type StackGeometry } from './stackGeometry';

/** Why a stack is put on a regular grid before it is shown or measured, or null when it is one. */
export function resamplingNeeded(stack: StackGeometry): 'gantry-tilt' | 'non-uniform-spacing' | 'both' | null {
  const { shear, spacing } = stack.resample;
  return shear && spacing ? 'both' : shear ? 'gantry-tilt' : spacing ? 'non-uniform-spacing' : null;
}

/**
 * The volume a tilted or unevenly spaced stack is measured on, from its stored slices in any
 * order (`planes[k]` describes slice k of `stored`): the same grid (stackGeometry) and the same
 * resampling (resampleStack, outside the data the lowest stored value) as the CLI's loader, so
 * the app and `liverplan volumetry` count the same voxels. Null when the stack is regular.
 */
export function regularVolume(
  stored: ArrayLike<number>,
  planes: SlicePlane[],
): { volume: ScalarVolume; stack: StackGeometry } | null {
  const stack = stackGeometry(planes);
  if (!resamplingNeeded(stack)) return null;
  if (!stack.measurable)
    throw new Error(
      stack.findings
        .filter((f) => f.severity === 'error')
        .map((f) => f.message)
        .join(' '),
    );
  let min = Infinity;
  for (let n = 0; n < stored.length; n++) if (stored[n]! < min) min = stored[n]!;
  return { volume: resampleStack(stored, stack, min, 'input'), stack };
}

/**
 * Why DICOM objects that reference the stored images slice by slice (SEG frames, RTSTRUCT
 * contours, and the SR that names them) cannot be written for labels on this stack's regular
 * grid, or null when the grid is the stored images' own. Refused for a gantry tilt too, as
 * `liverplan segment` and `export` refuse it: the regular grid's slices are shifted in plane from
 * the images they would name, and viewers that lay SEG frames onto their referenced images pixel
 * for pixel would show every segment displaced by the shear.
 */
export function derivedObjectsRefusal(planes: SlicePlane[]): string | null {
  const stack = stackGeometry(planes);
  if (!resamplingNeeded(stack)) return null;
  const why = stack.findings
    .filter((f) => f.code === 'gantry-tilt' || f.code === 'non-uniform-spacing')
    .map((f) => f.message.replace(/;.*$/, '').replace(/^./, (c) => c.toLowerCase()))
    .join('; ');
  return (
    `The reference series is measured on a resampled grid (${why}), whose slices are not its stored images, ` +
    'so a DICOM SEG, RTSTRUCT or SR cannot reference those images slice by slice. Export the segments as NIfTI (Export NIfTI… in the Segment workspace) instead; its figures are ' +
    'those of liverplan volumetry on the same grid.'
  );
}
