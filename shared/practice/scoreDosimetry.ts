import { bodySurfaceArea } from '../planning/bsa';
import { loadDefaultRuleSet } from '../planning/loadDefaultRuleSet';
import type { RuleSet } from '../planning/ruleSet';
import { resinBsaActivity } from '../planning/y90/resinBsa';
import type { Y90Scenario } from './tasks';

export interface DosimetryScore {
  referenceGBq: number;
  attemptGBq: number;
  differenceGBq: number;
  /** 100 x (attempt - reference) / reference. */
  differencePercent: number;
  /** The activity the method gives with the trainee's own segmented volumes, when they sent some. */
  fromAttemptVolumesGBq: number | null;
  source: string;
}

/** Activity (GBq) of a scenario for given liver (tumours included) and tumour volumes. */
export function scenarioActivity(
  scenario: Y90Scenario,
  liverMl: number,
  tumourMl: number,
  ruleSet: RuleSet = loadDefaultRuleSet(),
) {
  const bsa = bodySurfaceArea(scenario.heightCm, scenario.weightKg, ruleSet);
  const r = resinBsaActivity({ bsaM2: bsa.m2, liverMl, tumourMl, lsf: scenario.lungShuntFraction }, ruleSet);
  return { activityGBq: r.activityGBq, source: `${bsa.source}; ${r.source}` };
}

/**
 * The trainee's activity against the reference computed from the case truth volumes by the
 * planning engine's resin BSA code. With the trainee's own volumes the debrief can tell a
 * measurement error from an arithmetic one.
 */
export function scoreDosimetry(
  scenario: Y90Scenario,
  truth: { liverMl: number; tumourMl: number },
  attemptGBq: number,
  attemptVolumes?: { liverMl: number; tumourMl: number },
): DosimetryScore {
  const ref = scenarioActivity(scenario, truth.liverMl, truth.tumourMl);
  let fromAttempt: number | null = null;
  if (attemptVolumes && attemptVolumes.liverMl > 0 && attemptVolumes.tumourMl <= attemptVolumes.liverMl) {
    fromAttempt = scenarioActivity(scenario, attemptVolumes.liverMl, attemptVolumes.tumourMl).activityGBq;
  }
  return {
    referenceGBq: ref.activityGBq,
    attemptGBq,
    differenceGBq: attemptGBq - ref.activityGBq,
    differencePercent: (100 * (attemptGBq - ref.activityGBq)) / ref.activityGBq,
    fromAttemptVolumesGBq: fromAttempt,
    source: ref.source,
  };
}
