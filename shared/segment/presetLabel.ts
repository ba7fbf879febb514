import { phaseName } from '../viewer/phaseName';
import type { ThresholdPreset } from './thresholdPresets';

/** Open series' phases that a preset meant for `phase` fits (late arterial is arterial enough). */
const FITS: Record<ThresholdPreset['phase'], readonly string[]> = {
  any: [],
  arterial: ['arterial', 'late_arterial'],
  portal_venous: ['portal_venous'],
};

const FIRMNESS: Record<ThresholdPreset['confidence'], string> = {
  V: 'value read in the source',
  K: 'standard value, to check against the primary source',
  U: 'uncertain value',
};

/** The preset's name without its phase ("Liver parenchyma (portal venous)" -> "Liver parenchyma"). */
function baseName(p: ThresholdPreset): string {
  return p.phase === 'any' ? p.label : p.label.replace(/\s*\([^)]*\)\s*$/, '');
}

/** Whether one of the open series is recognised as the phase the preset is meant for. */
export function presetPhaseShown(p: ThresholdPreset, openPhases: readonly string[]): boolean {
  return FITS[p.phase].some((ph) => openPhases.includes(ph));
}

/**
 * The preset's name as the picker shows it: its phase is named only when an open series is
 * recognised as that phase, so a series of unknown phase never reads as "portal venous".
 */
export function presetLabel(p: ThresholdPreset, openPhases: readonly string[]): string {
  const name = p.phase === 'any' || presetPhaseShown(p, openPhases) ? p.label : baseName(p);
  return `${name} ${p.rangeHu[0]}..${p.rangeHu[1]} HU`;
}

/** The preset's tooltip: what the range is meant for, its source and how firm it is, in words. */
export function presetTitle(p: ThresholdPreset, openPhases: readonly string[]): string {
  const meant =
    p.phase === 'any'
      ? 'Any phase.'
      : presetPhaseShown(p, openPhases)
        ? `Meant for the ${phaseName(p.phase)} phase.`
        : `Meant for the ${phaseName(p.phase)} phase; no open series is recognised as that phase, so check the range on the image.`;
  return `${baseName(p)}, ${p.rangeHu[0]} to ${p.rangeHu[1]} HU. ${meant} ${p.source} (${FIRMNESS[p.confidence]}; a starting point to adjust, not a diagnostic threshold.)`;
}
