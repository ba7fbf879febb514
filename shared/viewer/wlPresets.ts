/**
 * CT window/level presets as data. Each carries where its numbers come from so
 * a site can check them against its own protocol; keys 1-9 follow list order.
 */
export interface WlPreset {
  id: string;
  label: string;
  /** Window width and centre (level), Hounsfield units. */
  width: number;
  center: number;
  source: string;
}

const RADIOPAEDIA = 'Radiopaedia, "Windowing (CT)" (typical values table)';

export const WL_PRESETS: readonly WlPreset[] = [
  { id: 'abdomen', label: 'Abdomen', width: 400, center: 50, source: `${RADIOPAEDIA}: abdomen soft tissues W400 L50` },
  { id: 'liver', label: 'Liver', width: 150, center: 30, source: `${RADIOPAEDIA}: liver W150 L30` },
  { id: 'bone', label: 'Bone', width: 1800, center: 400, source: `${RADIOPAEDIA}: bones W1800 L400` },
  { id: 'lung', label: 'Lung', width: 1500, center: -600, source: `${RADIOPAEDIA}: lungs W1500 L-600` },
  {
    id: 'angio',
    label: 'Angio',
    width: 600,
    center: 150,
    source: 'Common CT angiography display setting W600 L150 [K: check against the local protocol]',
  },
];

/** The VOI range ({lower, upper}) a preset means, as Cornerstone's voiRange expects. */
export function presetRange(p: Pick<WlPreset, 'width' | 'center'>): { lower: number; upper: number } {
  return { lower: p.center - p.width / 2, upper: p.center + p.width / 2 };
}

/** Width and centre of a VOI range, for the overlay text. */
export function rangeToWindow(r: { lower: number; upper: number }): { width: number; center: number } {
  return { width: r.upper - r.lower, center: (r.upper + r.lower) / 2 };
}
