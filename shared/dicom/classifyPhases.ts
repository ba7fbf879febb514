import type { InstanceHeader } from './instanceHeader';
import type { PhaseLabel } from './phaseLabels';
import { PHASE_RULES as R } from './phaseRules';

export interface Phase {
  label: PhaseLabel;
  /** 0..1; 0 for unknown. */
  confidence: number;
  reason: string;
}

/** What phase recognition needs about one series (first instance + counts). */
export interface PhaseInput {
  key: string;
  header: InstanceHeader;
  isVolume: boolean;
}

const UNKNOWN: Phase = {
  label: 'unknown',
  confidence: 0,
  reason: 'no description keyword, contrast tag or timing identifies the phase',
};

function text(h: InstanceHeader): string {
  return `${h.seriesDescription} ${h.protocolName}`.toLowerCase().replace(/[_+]/g, ' ');
}

const startTime = (h: InstanceHeader) =>
  Number.isFinite(h.acquisitionTime) ? h.acquisitionTime : Number.isFinite(h.seriesTime) ? h.seriesTime : h.contentTime;

function byKeyword(h: InstanceHeader, rules: ReadonlyArray<{ label: PhaseLabel; re: RegExp }>): Phase | null {
  const t = text(h);
  for (const k of rules) {
    const m = k.re.exec(t);
    if (m)
      return {
        label: k.label,
        confidence: R.confidence.keyword,
        reason: `description "${(h.seriesDescription || h.protocolName).trim()}" contains "${m[0]}"`,
      };
  }
  return null;
}

function ctByTiming(h: InstanceHeader): Phase | null {
  if (!Number.isFinite(h.contrastStartTime) || !Number.isFinite(startTime(h))) return null;
  const dt = startTime(h) - h.contrastStartTime;
  if (dt < 0) return null;
  const t = R.ctTiming;
  const label: PhaseLabel =
    dt <= t.earlyArterialMaxS
      ? 'arterial'
      : dt <= t.lateArterialMaxS
        ? 'late_arterial'
        : dt <= t.portalVenousMaxS
          ? 'portal_venous'
          : 'delayed';
  return {
    label,
    confidence: R.confidence.timing,
    reason: `acquired ${Math.round(dt)} s after contrast start (ContrastBolusStartTime; ${t.source})`,
  };
}

function mrByTiming(h: InstanceHeader): Phase | null {
  if (!Number.isFinite(h.contrastStartTime) || !Number.isFinite(startTime(h))) return null;
  const dt = startTime(h) - h.contrastStartTime;
  if (dt < 0) return null;
  const t = R.mrTiming;
  const label: PhaseLabel =
    dt <= t.arterialMaxS
      ? 't1_arterial'
      : dt <= t.portalVenousMaxS
        ? 't1_portal_venous'
        : dt <= t.transitionalMaxS
          ? 't1_transitional'
          : 't1_hepatobiliary';
  return {
    label,
    confidence: R.confidence.timing,
    reason: `acquired ${Math.round(dt)} s after contrast start (${t.source})`,
  };
}

function mrBySequence(h: InstanceHeader): Phase | null {
  if (h.imageType.includes('ADC'))
    return { label: 'adc', confidence: R.confidence.sequence, reason: 'ImageType contains ADC' };
  if (h.diffusionBValue > 0 || h.imageType.includes('DIFFUSION'))
    return {
      label: 'dwi',
      confidence: R.confidence.sequence,
      reason: `diffusion b-value ${h.diffusionBValue || 'set'}`,
    };
  if (h.echoTime >= R.mrT2MinEchoMs.value)
    return {
      label: 't2',
      confidence: R.confidence.sequence,
      reason: `echo time ${h.echoTime} ms (>= ${R.mrT2MinEchoMs.value} ms, ${R.mrT2MinEchoMs.source})`,
    };
  return null;
}

/**
 * Phase of every series in one study, from (in order of trust) description
 * keywords, contrast timing tags, MR sequence parameters, and the
 * acquisition-time order of the enhanced series that are still unlabelled.
 * Measured enhancement (needs pixels) is not used here: headers only.
 */
export function classifyPhases(series: PhaseInput[]): Map<string, Phase> {
  const out = new Map<string, Phase>();
  const pendingCt: PhaseInput[] = [];
  const pendingMrT1: PhaseInput[] = [];
  const studyHasContrastTags = series.some((s) => s.header.contrastBolusAgent || s.header.contrastBolusRoute);
  for (const s of series) {
    const h = s.header;
    if (h.modality === 'CT') {
      const p = byKeyword(h, R.ctKeywords) ?? ctByTiming(h);
      if (p) out.set(s.key, p);
      else if (!h.contrastBolusAgent && !h.contrastBolusRoute && studyHasContrastTags) {
        // Absence only means something when this scanner does write the tags on other series.
        out.set(s.key, {
          label: 'unenhanced',
          confidence: R.confidence.contrastTagOnly,
          reason: 'no contrast agent or route in the header and no phase keyword',
        });
      } else if (s.isVolume && studyHasContrastTags) pendingCt.push(s);
      else out.set(s.key, UNKNOWN);
    } else if (h.modality === 'MR') {
      const p = byKeyword(h, R.mrKeywords) ?? mrBySequence(h) ?? mrByTiming(h);
      if (p) out.set(s.key, p);
      else if (R.mrT1Words.test(text(h)) && s.isVolume) pendingMrT1.push(s);
      else out.set(s.key, UNKNOWN);
    } else out.set(s.key, UNKNOWN);
  }
  orderFill(pendingCt, ['arterial', 'portal_venous', 'delayed'], out);
  orderFill(pendingMrT1, ['t1_pre', 't1_arterial', 't1_portal_venous', 't1_transitional', 't1_hepatobiliary'], out);
  return out;
}

/** Unlabelled enhanced series in acquisition order: the n-th gets the n-th phase, with low confidence. */
function orderFill(pending: PhaseInput[], labels: PhaseLabel[], out: Map<string, Phase>): void {
  const timed = pending.filter((s) => Number.isFinite(startTime(s.header)));
  for (const s of pending) if (!timed.includes(s)) out.set(s.key, UNKNOWN);
  if (timed.length < 2 || timed.length > labels.length) {
    for (const s of timed) out.set(s.key, UNKNOWN);
    return;
  }
  timed.sort((a, b) => startTime(a.header) - startTime(b.header));
  timed.forEach((s, n) => {
    out.set(s.key, {
      label: labels[n]!,
      confidence: R.confidence.order,
      reason: `contrast series ${n + 1} of ${timed.length} by acquisition time, no description keyword`,
    });
  });
}
