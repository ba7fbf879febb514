/**
 * Which viewports a layout shows and what each one holds. The series come in
 * hanging order (shared/dicom/hanging chooses arterial | portal venous |
 * delayed); this decides the screen: phases side by side, MPR or 1x1 of the
 * active phase, or its 3D rendering.
 */
export type ViewerLayout = 'phases' | 'mpr' | 'single' | 'volume3d';
export type ViewOrientation = 'axial' | 'coronal' | 'sagittal';

export interface ViewportSpec {
  id: string;
  /** Index into the series list. */
  seriesIndex: number;
  kind: 'ortho' | 'volume3d';
  orientation: ViewOrientation;
  title: string;
}

export interface PhaseSeries {
  phase: string;
  description: string;
  seriesNumber: number;
}

const PHASE_TITLES: Record<string, string> = {
  unenhanced: 'Unenhanced',
  arterial: 'Arterial',
  late_arterial: 'Late arterial',
  portal_venous: 'Portal venous',
  delayed: 'Delayed',
  t1_pre: 'T1 pre-contrast',
  t1_arterial: 'T1 arterial',
  t1_portal_venous: 'T1 portal venous',
  t1_transitional: 'T1 transitional',
  t1_hepatobiliary: 'T1 hepatobiliary',
  t2: 'T2',
  dwi: 'DWI',
  adc: 'ADC',
};

/** Human title of a phase; unknown phases fall back to the series description, never a guess. */
export function phaseTitle(s: PhaseSeries): string {
  return PHASE_TITLES[s.phase] ?? (s.description || `Series ${s.seriesNumber}`);
}

/** At most this many phases side by side (the hanging protocol's 2 or 3). */
export const MAX_PHASE_VIEWPORTS = 3;

export function planViewports(series: readonly PhaseSeries[], layout: ViewerLayout, active: number): ViewportSpec[] {
  if (series.length === 0) return [];
  const a = Math.min(Math.max(0, active), series.length - 1);
  const title = phaseTitle(series[a]!);
  switch (layout) {
    case 'phases':
      return series.slice(0, MAX_PHASE_VIEWPORTS).map((s, n) => ({
        id: `phase-${n}`,
        seriesIndex: n,
        kind: 'ortho',
        orientation: 'axial',
        title: phaseTitle(s),
      }));
    case 'mpr':
      return (['axial', 'coronal', 'sagittal'] as const).map((o) => ({
        id: `mpr-${o}`,
        seriesIndex: a,
        kind: 'ortho',
        orientation: o,
        title: `${title} · ${o}`,
      }));
    case 'single':
      return [{ id: 'single', seriesIndex: a, kind: 'ortho', orientation: 'axial', title }];
    case 'volume3d':
      return [
        { id: 'vr-axial', seriesIndex: a, kind: 'ortho', orientation: 'axial', title },
        { id: 'vr-3d', seriesIndex: a, kind: 'volume3d', orientation: 'coronal', title: `${title} · 3D` },
      ];
  }
}
