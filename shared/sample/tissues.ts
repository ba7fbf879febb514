/**
 * Tissue classes the phantom is painted with. Lesion n (0-based) is painted
 * as LESION_BASE + n, its necrotic core as NECROSIS_BASE + n, so each lesion's
 * voxels stay individually countable for the truth.
 */
export const TISSUES = [
  'air',
  'fat',
  'muscle',
  'bone',
  'liver',
  'spleen',
  'kidney',
  'stomachWall',
  'stomachContent',
  'bowel',
  'gallbladder',
  'aorta',
  'ivc',
  'portalVein',
  'hepaticVein',
  'hepaticArtery',
  'csf',
  'lung',
  'heart',
  'pancreas',
  'kidneyMedulla',
  // Appended (not inserted) so existing labels and every earlier case stay byte-identical.
  'ablationZone',
  'ablationRim',
  // The heart's wall (enhances like liver in the portal venous phase); 'heart' is its blood pool.
  'myocardium',
] as const;
export type Tissue = (typeof TISSUES)[number];

export const TISSUE_ID = Object.fromEntries(TISSUES.map((t, n) => [t, n])) as Record<Tissue, number>;

export const LESION_BASE = 64;
export const NECROSIS_BASE = 160;
export const MAX_LESIONS = NECROSIS_BASE - LESION_BASE;

/** The lesion index (0-based) a label belongs to, or -1. */
export function lesionOfLabel(label: number): number {
  if (label >= NECROSIS_BASE && label < NECROSIS_BASE + MAX_LESIONS) return label - NECROSIS_BASE;
  if (label >= LESION_BASE && label < NECROSIS_BASE) return label - LESION_BASE;
  return -1;
}
