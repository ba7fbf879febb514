import { getAtPath, setAtPath, type Draft } from '../planning/draft';
import type { MeasureSummary } from './measureSummary';
import { ORIGINS_KEY, isOverridden, planOrigins, type PlanOrigins } from './planOrigins';

type DraftLesion = Record<string, unknown> & { id?: unknown };

/**
 * The plan draft with the case's measurements filled in ("Use volumes from segmentation" in the
 * app, `liverplan plan --case` on the CLI): whole liver including tumours, tumour, each lesion's
 * diameter, lobe (from the lobe split), vessels >= 3 mm and critical structures with their
 * distances, margin from Ablation or Confirm and, with a Y-90 target territory chosen, the tumour
 * and normal liver inside it and the lung dose of the earlier stages. Every value filled is
 * recorded with its source under ORIGINS_KEY. Lesions are matched by their stable id, so what the
 * user typed for a lesion stays with it. Values are rounded to 0.1 as the form shows them.
 */
export function fillMeasuredDraft(draft: Draft, m: MeasureSummary): Draft {
  let out = draft;
  const set = (path: string, value: unknown) => (out = setAtPath(out, path, value));
  const measured = (draft as { measured?: { lesions?: unknown } }).measured;
  const typed = Array.isArray(measured?.lesions) ? (measured.lesions as DraftLesion[]) : [];
  // Fields of the previous fill that are not measured now (no target any more) lose their origin.
  const origins: PlanOrigins = Object.fromEntries(
    Object.entries(planOrigins(draft)).filter(([path]) => !path.startsWith('measured.') && !path.startsWith('y90.')),
  );
  const fill = (path: string, value: number, source: string) => {
    set(path, round(value));
    origins[path] = { source, measured: round(value) };
  };
  fill('measured.liverMl', m.liverMl, 'Segmentation (whole liver incl. tumours)');
  fill('measured.tumourMl', m.tumourMl, 'Segmentation (lesions)');
  set(
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
  return setAtPath(out, ORIGINS_KEY, origins);
}

/**
 * A saved draft re-measured from its case: the measurements are filled afresh (the labelmap may
 * have changed since the draft was saved), but every measured value the user overrode in the
 * Plan form keeps the user's value and stays marked overridden. Lesion fields follow their lesion
 * by id, whatever its position in the list.
 */
export function remeasuredDraft(saved: Draft, m: MeasureSummary): Draft {
  let out = fillMeasuredDraft(saved, m);
  const savedLesions = getAtPath(saved, 'measured.lesions');
  const filledLesions = getAtPath(out, 'measured.lesions');
  const idAt = (list: unknown, n: number) =>
    Array.isArray(list) ? (list[n] as DraftLesion | undefined)?.id : undefined;
  const origins = { ...planOrigins(out) };
  for (const [path, origin] of Object.entries(planOrigins(saved))) {
    if (!isOverridden(saved, path)) continue;
    let target = path;
    const lesion = /^measured\.lesions\.(\d+)\.(.+)$/.exec(path);
    if (lesion) {
      const id = idAt(savedLesions, Number(lesion[1]));
      const at = Array.isArray(filledLesions) ? filledLesions.findIndex((l) => (l as DraftLesion).id === id) : -1;
      // The lesion is no longer in the case: its override has nothing to apply to.
      if (id === undefined || at < 0) continue;
      target = `measured.lesions.${at}.${lesion[2]}`;
    }
    out = setAtPath(out, target, getAtPath(saved, path));
    // The origin keeps the fresh measurement when there is one, so the mark compares against it.
    origins[target] = origins[target] ?? origin;
  }
  return setAtPath(out, ORIGINS_KEY, origins);
}

const round = (v: number) => Math.round(v * 10) / 10;
