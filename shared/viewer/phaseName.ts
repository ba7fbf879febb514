import { PHASE_LABELS } from '../dicom/phaseLabels';
import { phaseTitle } from './planViewports';
import { isKnownPhase, seriesIdentity, type LabelledSeries } from './seriesLabel';

const NAMED = new Set<string>(PHASE_LABELS.filter(isKnownPhase));

/**
 * A recognised phase in running text ("portal venous", "T1 arterial", "DWI"), or null when the
 * label names no phase (unknown, empty, or not a phase at all such as "reference").
 */
export function phaseName(label: string): string | null {
  if (!NAMED.has(label)) return null;
  const title = phaseTitle({ phase: label, description: '', seriesNumber: 0 });
  // "Portal venous" -> "portal venous"; acronyms and "T1 ..." keep their capitals.
  return /^[A-Z][a-z]/.test(title) ? title[0]!.toLowerCase() + title.slice(1) : title;
}

/**
 * What a phase label of the open series reads as on screen: the phase's title when it is
 * recognised, otherwise the one series carrying that label by its identity ("CT · series 3 ·
 * Abd 5mm"), otherwise plainly "phase not recognised"; never the raw label ("unknown").
 */
export function phaseOrSeries(label: string, series: readonly LabelledSeries[]): string {
  if (phaseName(label)) return phaseTitle({ phase: label, description: '', seriesNumber: 0 });
  const carrying = series.filter((s) => s.phase.label === label);
  return carrying.length === 1 ? seriesIdentity(carrying[0]!) : 'phase not recognised';
}
