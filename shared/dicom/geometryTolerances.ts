/**
 * Tolerances for reading slice geometry. These are numerical tolerances for
 * floating-point headers (DS values carry ~6 significant digits), not clinical
 * thresholds: each says why it has the size it has.
 */
export const GEOMETRY_TOLERANCES = {
  /** Two orientations are the same if each cosine differs by less than this (DS rounding). */
  orientationCosine: 1e-3,
  /** Spacing varies "non-uniformly" when a step differs from the median by more than this fraction. */
  spacingRelative: 0.01,
  /** ...and by more than this many mm (absolute floor for rounded positions). */
  spacingAbsoluteMm: 0.02,
  /** A step of at least this many median steps is a gap (missing slices), not jitter... */
  gapFactor: 1.5,
  /** ...when it lies within this of a whole number of steps (rounded positions), on its own. */
  gapMultipleSlack: 0.15,
  /** Positions closer than this along the normal are duplicates. */
  duplicateMm: 0.01,
  /** In-plane shear per slice above this (mm per mm along the normal, ~0.06 deg) is a gantry tilt. */
  shearPerMm: 1e-3,
} as const;
