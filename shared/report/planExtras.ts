import type { CaseFigures } from '../case/measureCase';
import type { CaseDocument } from '../case/model';
import { isOverridden } from '../case/planOrigins';
import type { CaseMeasurements } from '../case/caseMeasurements';
import { PlanValidationError } from '../planning/errors';
import { evaluatePlan, type PlanResult } from '../planning/evaluate';
import { planInputProblems } from '../planning/inputProblems';
import { loadDefaultRuleSet } from '../planning/loadDefaultRuleSet';
import type { ReportExtras } from './reportExtras';
import type { ReportOutcome } from './model';

const f = (v: number | undefined, digits: number) => (v === undefined || !Number.isFinite(v) ? '-' : v.toFixed(digits));

/**
 * Evaluates the case's plan inputs with the shipped rule set, volumes, lesion sizes and margins
 * taken from the segmentation (measured beats typed), and turns the result into report rows. A case
 * without plan inputs gives no outcomes; invalid inputs give one row saying which field, never a
 * guessed plan.
 */
export function planExtras(
  caseDoc: CaseDocument,
  m: Pick<CaseMeasurements, 'burden' | 'margins'> & {
    figures?: Pick<CaseFigures, 'lesions'> & Partial<Pick<CaseFigures, 'territories'>>;
  },
): ReportExtras {
  if (!caseDoc.planInput) return {};
  const input = structuredClone(caseDoc.planInput) as Record<string, unknown> & {
    measured?: Record<string, unknown>;
    y90?: Record<string, unknown>;
  };
  // A value the user overrode in the Plan form stays theirs (the report marks it as overridden).
  const own = (path: string) => isOverridden(caseDoc.planInput!, path);
  const measured = (input.measured ??= {});
  if (m.burden) {
    if (!own('measured.liverMl')) measured.liverMl = m.burden.liverIncludingTumourMl;
    if (!own('measured.tumourMl')) measured.tumourMl = m.burden.tumourMl;
  }
  // The Y-90 target volumes measured inside the case's target territory.
  const target = m.figures?.territories?.find((t) => t.id === caseDoc.targetTerritoryId)?.figures;
  if (target && input.y90) {
    if (!own('y90.targetVolumeMl')) input.y90.targetVolumeMl = target.targetMl;
    if (!own('y90.tumourInTargetMl')) input.y90.tumourInTargetMl = target.tumourMl;
    if (!own('y90.normalInTargetMl')) input.y90.normalInTargetMl = target.normalMl;
  }
  const lesions = Array.isArray(measured.lesions) ? (measured.lesions as Record<string, unknown>[]) : [];
  // Lesions are matched by their stable id (segment number), so renaming a segment changes nothing.
  for (const [n, lesion] of lesions.entries()) {
    const figure = m.figures?.lesions.find((l) => l.id === lesion.id);
    if (figure) {
      if (!own(`measured.lesions.${n}.diameterMm`)) lesion.diameterMm = figure.maxDiameter3dMm;
      lesion.volumeMl = figure.volumeMl;
    }
    const margin = m.margins.find((x) => x.lesionId === lesion.id)?.result.mamMm;
    if (margin !== undefined && Number.isFinite(margin)) lesion.minimalAblativeMarginMm = margin;
  }
  const ruleSet = loadDefaultRuleSet();
  let plan: PlanResult;
  try {
    plan = evaluatePlan(input as never, ruleSet);
  } catch (e) {
    return { ruleSet: `${ruleSet.id}@${ruleSet.version}`, outcomes: [notEvaluated(input, e)] };
  }
  return planResultExtras(plan, typeof input.plannedModality === 'string' ? input.plannedModality : undefined);
}

/**
 * The one row saying the rules were not evaluated, naming every missing or invalid input by its
 * label (planInputProblems: clinician sentences, never field paths or schema words).
 */
export function notEvaluated(input: unknown, error?: unknown): ReportOutcome {
  let problems: string[] = [];
  try {
    problems = planInputProblems(input).map((p) => p.message);
  } catch {
    problems = [];
  }
  const fallback = error instanceof PlanValidationError ? 'a plan input is outside its valid range.' : '';
  return {
    status: 'not evaluated',
    ruleId: 'plan-inputs',
    message: `Rules not evaluated until the plan inputs are complete. ${problems.join(' ') || fallback}`.trim(),
    source: 'Plan workspace',
  };
}

/** Report rows of an evaluated plan (also for the app, which evaluates as the user types). */
export function planResultExtras(plan: PlanResult, plannedModality?: string): ReportExtras {
  const toRow = (o: PlanResult['outcomes'][number]): ReportOutcome => ({
    modality: o.modality,
    ...(o.lesionId ? { lesionId: o.lesionId } : {}),
    status: o.status,
    ...(o.hardWarning ? { hardWarning: true } : {}),
    ruleId: o.ruleId,
    message: o.method ? `${o.rationale} (${o.method})` : o.rationale,
    source: o.source,
  });
  const y = plan.y90;
  const outcomes = [...plan.outcomes, ...(y?.warnings ?? []), ...(y?.methods.flatMap((mm) => mm.warnings) ?? [])].map(
    toRow,
  );
  const c = plan.calculators;
  return {
    ...(plannedModality ? { procedure: plannedModality } : {}),
    ruleSet: `${plan.ruleSetId}@${plan.ruleSetVersion}`,
    outcomes,
    clinical: [
      { label: 'Child-Pugh', value: `${c.childPugh.class} (${c.childPugh.label}, ${c.childPugh.score} points)` },
      { label: 'ALBI', value: `${c.albi.score.toFixed(3)} (grade ${c.albi.grade})` },
      { label: 'Body surface area (Du Bois)', value: `${c.bsa.m2.toFixed(2)} m2` },
    ],
    ...(y
      ? {
          y90: {
            model: `${y.product}, ${y.intent}; k ${y.k} Gy.kg/GBq; LSF ${(y.lungShuntFraction * 100).toFixed(1)} %; lung ${y.lungMassKg} kg`,
            rows: [
              { label: 'Target mass', value: f(y.masses.targetKg, 3), unit: 'kg' },
              { label: 'Tumour mass in target', value: f(y.masses.tumourKg, 3), unit: 'kg' },
              { label: 'Normal liver mass in target', value: f(y.masses.normalKg, 3), unit: 'kg' },
              ...y.methods.flatMap((mm) => [
                { label: `${mm.method}: activity`, value: f(mm.activityGBq, 3), unit: 'GBq' },
                { label: `${mm.method}: perfused dose`, value: f(mm.perfusedDoseGy, 1), unit: 'Gy' },
                { label: `${mm.method}: tumour dose D_T`, value: f(mm.tumourDoseGy, 1), unit: 'Gy' },
                { label: `${mm.method}: normal liver dose D_N`, value: f(mm.normalDoseGy, 1), unit: 'Gy' },
                { label: `${mm.method}: lung dose D_L`, value: f(mm.lungDoseGy, 1), unit: 'Gy' },
              ]),
              ...y.notComputed.map((n) => ({ label: `${n.method}: not computed`, value: n.reason, unit: '' })),
            ],
          },
        }
      : {}),
  };
}
