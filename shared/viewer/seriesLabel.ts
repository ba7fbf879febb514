import { phaseTitle } from './planViewports';

/** What labelling a series needs (the viewer's and the study browser's series both fit). */
export interface LabelledSeries {
  modality: string;
  seriesNumber: number;
  description: string;
  phase: { label: string; confidence: number; reason: string };
}

/** Unknown (or absent) phases are never named: a guessed phase on screen would be read as fact. */
export function isKnownPhase(label: string): boolean {
  return label !== '' && label !== 'unknown';
}

/**
 * The series as written in its headers: modality, series number and description, e.g.
 * "CT · series 3 · Abd 5mm", "MR · series 7 · no description". SeriesNumber is optional in DICOM
 * and reads as 0 when absent, so 0 is not shown as a number.
 */
export function seriesIdentity(s: Pick<LabelledSeries, 'modality' | 'seriesNumber' | 'description'>): string {
  const modality = s.modality.trim() || 'Unknown modality';
  const number =
    Number.isFinite(s.seriesNumber) && s.seriesNumber > 0 ? `series ${s.seriesNumber}` : 'no series number';
  return `${modality} · ${number} · ${s.description.trim() || 'no description'}`;
}

/** The pane title: the phase when it is known, otherwise the series' identity. */
export function seriesTitle(s: LabelledSeries): string {
  return isKnownPhase(s.phase.label)
    ? phaseTitle({ phase: s.phase.label, description: s.description, seriesNumber: s.seriesNumber })
    : seriesIdentity(s);
}

/**
 * A viewport title as planned (phase title plus " · coronal", " · 3D"...), with the phase part
 * replaced by seriesTitle so an unknown phase never shows as a bare "Series 0".
 */
export function paneTitle(plannedTitle: string, s: LabelledSeries): string {
  const planned = phaseTitle({ phase: s.phase.label, description: s.description, seriesNumber: s.seriesNumber });
  const suffix = plannedTitle.startsWith(planned) ? plannedTitle.slice(planned.length) : '';
  return `${seriesTitle(s)}${suffix}`;
}

/** "high" from 0.8, "moderate" from 0.5, else "low": how a radiologist would weigh the guess. */
export function confidenceWord(confidence: number): 'high' | 'moderate' | 'low' {
  return confidence >= 0.8 ? 'high' : confidence >= 0.5 ? 'moderate' : 'low';
}

/**
 * What the phase and its confidence mean, for a tooltip where they are shown: who set it, how
 * sure the automatic recognition is and from what, and where to correct it.
 */
export function phaseExplanation(phase: LabelledSeries['phase']): string {
  const fix = 'Set the phase in the study browser (Start) if it is wrong.';
  if (!isKnownPhase(phase.label)) {
    return `Phase not recognised: ${phase.reason}. The series is named by its modality, number and description. ${fix.replace(' if it is wrong', ' if you know it')}`;
  }
  const name = phaseTitle({ phase: phase.label, description: '', seriesNumber: 0 }).toLowerCase();
  if (phase.reason === 'set by the user') return `Phase ${name}, set by the user.`;
  const pct = Math.round(phase.confidence * 100);
  return `Phase ${name}, recognised automatically with ${confidenceWord(phase.confidence)} confidence (${pct}%): ${phase.reason}. ${fix}`;
}
