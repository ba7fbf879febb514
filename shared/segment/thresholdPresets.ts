/**
 * HU ranges for the threshold brush, as data. They are starting points the user adjusts on the
 * image, not diagnostic thresholds; each carries its source and how firm it is, tagged as in
 * docs/clinical-rules.md: [V] read in the source, [K] standard value to check against the
 * primary source, [U] uncertain. Values assume a 350 mgI/mL biphasic liver protocol at 120 kVp.
 */
export interface ThresholdPreset {
  id: 'liver-pv' | 'lesion-arterial' | 'vessels-pv' | 'fat' | 'bone';
  label: string;
  modality: 'CT';
  /** Phase the range is meant for ('any' = phase independent). */
  phase: 'any' | 'arterial' | 'portal_venous';
  /** Inclusive [lo, hi] in Hounsfield units. */
  rangeHu: [number, number];
  source: string;
  confidence: 'V' | 'K' | 'U';
}

export const THRESHOLD_PRESETS_VERSION = 'threshold-presets-1';

export const THRESHOLD_PRESETS: readonly ThresholdPreset[] = [
  {
    id: 'liver-pv',
    label: 'Liver parenchyma (portal venous)',
    modality: 'CT',
    phase: 'portal_venous',
    rangeHu: [70, 170],
    source:
      'Unenhanced liver ~55-65 HU, enhancing by ~50 HU in the portal venous phase (Bae KT, Radiology 2010;256:32-61); widened for noise, steatosis and cirrhosis.',
    confidence: 'K',
  },
  {
    id: 'lesion-arterial',
    label: 'Enhancing lesion (late arterial)',
    modality: 'CT',
    phase: 'arterial',
    rangeHu: [110, 300],
    source:
      'Hypervascular metastases (NET) and HCC enhance above arterial-phase liver (~70-90 HU) and below the arteries (LI-RADS v2018 arterial phase hyperenhancement is relative, no fixed HU).',
    confidence: 'U',
  },
  {
    id: 'vessels-pv',
    label: 'Portal and hepatic veins (portal venous)',
    modality: 'CT',
    phase: 'portal_venous',
    rangeHu: [150, 400],
    source: 'Portal venous enhancement of ~150-250 HU at 70 s with 350 mgI/mL (Bae KT, Radiology 2010;256:32-61).',
    confidence: 'K',
  },
  {
    id: 'fat',
    label: 'Fat',
    modality: 'CT',
    phase: 'any',
    rangeHu: [-190, -30],
    source: 'Adipose tissue range used for CT body composition (Mitsiopoulos et al., J Appl Physiol 1998;85:115-122).',
    confidence: 'K',
  },
  {
    id: 'bone',
    label: 'Bone',
    modality: 'CT',
    phase: 'any',
    rangeHu: [300, 3071],
    source:
      'Common lower bound for cortical and dense trabecular bone; contrast-filled arteries can exceed it in the arterial phase.',
    confidence: 'U',
  },
];

export function findThresholdPreset(id: ThresholdPreset['id']): ThresholdPreset {
  const preset = THRESHOLD_PRESETS.find((p) => p.id === id);
  if (!preset) throw new Error(`no threshold preset '${id}'`);
  return preset;
}
