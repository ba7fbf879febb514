import type { PhaseLabel } from './phaseLabels';

/**
 * Rule data for phase recognition. Keywords are vendor/site naming habits;
 * timing windows are the standard multiphase liver protocol and must be
 * read with their source. Edit here, not in the classifier.
 */
export const PHASE_RULES = {
  id: 'phase-recognition',
  version: '2026.1',
  /** Seconds after contrast start. Source: LI-RADS v2018 CT/MRI technique (ACR) and the
   * multiphase liver CT literature: late arterial ~35-45 s, portal venous ~60-90 s,
   * delayed/equilibrium >= ~3 min [K: check against the primary source]. */
  ctTiming: {
    source: 'ACR LI-RADS v2018 CT/MRI technical recommendations [K]',
    earlyArterialMaxS: 30,
    lateArterialMaxS: 50,
    portalVenousMaxS: 120,
  },
  /** MR timing after gadoxetate / extracellular agent start. Transitional 2-5 min, hepatobiliary
   * ~20 min for gadoxetate. Source: LI-RADS v2018 [K]. */
  mrTiming: {
    source: 'ACR LI-RADS v2018 CT/MRI technical recommendations [K]',
    arterialMaxS: 50,
    portalVenousMaxS: 120,
    transitionalMaxS: 600,
  },
  /** MR physics: T2-weighted spin echo echo time (ms) above which a series reads as T2. */
  mrT2MinEchoMs: { value: 60, source: 'MR physics convention (T2W TE 80-120 ms, T1W TE < 20 ms) [K]' },
  /** Ordered: first match wins; tested against series description + protocol name, lower case. */
  ctKeywords: [
    {
      label: 'unenhanced',
      re: /\b(non[- ]?con(trast)?|unenhanced|native?|nativ|plain|pre[- ]?(contrast|con)?|w\/o|without|nc)\b/,
    },
    { label: 'late_arterial', re: /\b(late[- ]?art(erial)?|lap)\b/ },
    { label: 'arterial', re: /\b(art(erial)?|early[- ]?art(erial)?|hepatic[- ]?art(ery|erial)?|angio|cta)\b/ },
    { label: 'portal_venous', re: /\b(portal|pv|pvp|port[- ]?ven(ous)?|venous|ven)\b/ },
    { label: 'delayed', re: /\b(delay(ed)?|equilibrium|eq|late|[2-9] ?min|1[0-5] ?min)\b/ },
  ] as Array<{ label: PhaseLabel; re: RegExp }>,
  mrKeywords: [
    { label: 'adc', re: /\b(adc|apparent)\b/ },
    { label: 'dwi', re: /\b(dwi|diff(usion)?|ep2d_diff|b[- ]?\d{2,4}|trace)\b/ },
    { label: 't2', re: /\b(t2|haste|ssfse|stir|tse|mrcp)\b/ },
    { label: 't1_hepatobiliary', re: /\b(hbp|hepatobiliary|hepatocyte|(1[5-9]|2\d) ?min)\b/ },
    { label: 't1_transitional', re: /\b(transitional|trans|[2-5] ?min)\b/ },
    { label: 't1_portal_venous', re: /\b(portal|pv|pvp|venous|ven)\b/ },
    { label: 't1_arterial', re: /\b(art(erial)?|early|late[- ]?art(erial)?)\b/ },
    { label: 't1_pre', re: /\b(pre|native?|nativ|unenhanced|non[- ]?con)\b/ },
  ] as Array<{ label: PhaseLabel; re: RegExp }>,
  /** Words that say a T1 series is a dynamic (contrast) series without naming its phase. */
  mrT1Words: /\b(t1|vibe|lava|thrive|dixon|fl3d|gre|flash|dyn(amic)?|quick3d|e-thrive|tfe)\b/,
  confidence: { keyword: 0.9, timing: 0.75, sequence: 0.7, order: 0.5, contrastTagOnly: 0.4 },
} as const;
