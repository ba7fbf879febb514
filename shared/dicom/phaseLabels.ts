/** Every phase label LiverPlan uses (the `liverplan scan` JSON vocabulary). */
export const PHASE_LABELS = [
  'unenhanced',
  'arterial',
  'late_arterial',
  'portal_venous',
  'delayed',
  't1_pre',
  't1_arterial',
  't1_portal_venous',
  't1_transitional',
  't1_hepatobiliary',
  't2',
  'dwi',
  'adc',
  'unknown',
] as const;
export type PhaseLabel = (typeof PHASE_LABELS)[number];
