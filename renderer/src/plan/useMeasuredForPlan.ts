import { useMeasureSummary } from '../store/measureStore';
import { usePlanStore } from './planStore';

/**
 * "Use volumes from segmentation": copies the measured liver (including
 * tumours), tumour and lesion figures of the open case into the plan form.
 * Null when nothing has been measured yet.
 */
export function useMeasuredForPlan(): (() => void) | null {
  const m = useMeasureSummary();
  if (!m) return null;
  return () => {
    const { setField } = usePlanStore.getState();
    setField('measured.liverMl', round(m.liverMl));
    setField('measured.tumourMl', round(m.tumourMl));
    setField(
      'measured.lesions',
      m.lesions.map((l) => ({ id: l.id, diameterMm: round(l.diameterMm), volumeMl: round(l.volumeMl) })),
    );
  };
}

const round = (v: number) => Math.round(v * 10) / 10;
