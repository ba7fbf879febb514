/** A typed problem found in a series, shown to the user verbatim. */
export type FindingCode =
  | 'missing-slices'
  | 'non-uniform-spacing'
  | 'gantry-tilt'
  | 'mixed-orientation'
  | 'duplicate-positions'
  | 'localizer'
  | 'single-image'
  | 'missing-geometry'
  | 'derived-uids'
  | 'files-missing';

export interface Finding {
  code: FindingCode;
  /** 'error' means the series is refused for measurement; 'warning' means it was corrected and said so. */
  severity: 'info' | 'warning' | 'error';
  message: string;
}
