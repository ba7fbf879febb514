import { ORIGINS_KEY, planOrigins, type PlanOrigins } from '../../../shared/case/planOrigins';
import { useMeasureSummary, type MeasureSummary } from '../store/measureStore';
import { usePlanStore } from './planStore';

type DraftLesion = Record<string, unknown> & { id?: unknown };

/**
 * "Use volumes from segmentation": copies the measured liver (including tumours), tumour and
 * lesion figures of the open case into the plan form (diameter, lobe from the lobe split, vessels
 * >= 3 mm and critical structures with their distances, margin from Ablation or Confirm) and, with
 * a Y-90 target territory chosen, the tumour and normal liver inside it and the lung dose of the
 * earlier stages. Every value filled is recorded with its source, so the form and the report show
 * where it came from and mark it overridden once the user changes it. Lesions are matched by their
 * stable id, so what the user typed for a lesion stays with it. Null when nothing is measured yet.
 */
export function useMeasuredForPlan(): (() => void) | null {
  const m = useMeasureSummary();
  if (!m) return null;
  return () => fillMeasured(m);
}

export function fillMeasured(m: MeasureSummary): void {
  const { setField, draft } = usePlanStore.getState();
  const measured = (draft as { measured?: { lesions?: unknown } }).measured;
  const typed = Array.isArray(measured?.lesions) ? (measured.lesions as DraftLesion[]) : [];
  // Fields of the previous fill that are not measured now (no target any more) lose their origin.
  const origins: PlanOrigins = Object.fromEntries(
    Object.entries(planOrigins(draft)).filter(([path]) => !path.startsWith('measured.') && !path.startsWith('y90.')),
  );
  const fill = (path: string, value: number, source: string) => {
    setField(path, round(value));
    origins[path] = { source, measured: round(value) };
  };
  fill('measured.liverMl', m.liverMl, 'Segmentation (whole liver incl. tumours)');
  fill('measured.tumourMl', m.tumourMl, 'Segmentation (lesions)');
  setField(
    'measured.lesions',
    m.lesions.map((l) => {
      const own = typed.find((t) => t.id === l.id) ?? {};
      const vessels = l.vessels.map((v) => ({
        name: v.name,
        diameterMm: round(v.diameterMm),
        distanceMm: round(v.distanceMm),
      }));
      const critical = l.criticalStructures.flatMap((c) =>
        c.structure && c.distanceMm !== null ? [{ structure: c.structure, distanceMm: round(c.distanceMm) }] : [],
      );
      return {
        ...own,
        id: l.id,
        volumeMl: round(l.volumeMl),
        // Measured lists replace typed ones only when the case has those segments.
        ...(l.lobe ? { lobe: l.lobe } : {}),
        ...(vessels.length ? { vessels } : {}),
        ...(critical.length ? { criticalStructures: critical } : {}),
      };
    }),
  );
  m.lesions.forEach((l, n) => {
    fill(`measured.lesions.${n}.diameterMm`, l.diameterMm, `Segmentation (${l.name}, longest 3D)`);
    if (l.margin) fill(`measured.lesions.${n}.minimalAblativeMarginMm`, l.margin.mamMm, l.margin.source);
  });
  const t = m.target;
  if (t) {
    const source = `Territory '${t.name}'`;
    fill('y90.targetVolumeMl', t.targetMl, source);
    fill('y90.tumourInTargetMl', t.tumourMl, source);
    fill('y90.normalInTargetMl', t.normalMl, source);
    fill('y90.priorLungDoseGy', t.priorLungDoseGy, `${source}: earlier stages`);
  }
  setField(ORIGINS_KEY, origins);
}

const round = (v: number) => Math.round(v * 10) / 10;
