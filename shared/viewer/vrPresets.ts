/**
 * Volume-rendering presets offered in the 3D viewport: names of the transfer
 * functions Cornerstone3D ships (core CONSTANTS.VIEWPORT_PRESETS, taken from
 * 3D Slicer's presets), in the order a liver planner reaches for them.
 */
export interface VrPreset {
  /** Cornerstone preset name. */
  name: string;
  label: string;
}

export const VR_PRESETS: readonly VrPreset[] = [
  { name: 'CT-Liver-Vasculature', label: 'Liver vessels' },
  { name: 'CT-AAA', label: 'Angio' },
  { name: 'CT-Bone', label: 'Bone' },
  { name: 'CT-Soft-Tissue', label: 'Soft tissue' },
  { name: 'CT-MIP', label: 'MIP' },
];
