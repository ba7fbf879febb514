import { findCase } from '../sample/cases';
import type { CaseTruth } from '../sample/truth';
import { loadDefaultRuleSet } from '../planning/loadDefaultRuleSet';
import { getRule } from '../planning/ruleSet';
import { resolveSettings, threshold } from '../planning/settings';
import { MEASUREMENT_RULES } from '../volume/measurementRules';
import type { Vec3 } from '../volume/grid';

export type PracticeTaskKind = 'segment-liver' | 'segment-lesions' | 'plan-ablation' | 'y90-activity';

/** A Y-90 dosimetry scenario: the figures the trainee is given; volumes they measure themselves. */
export interface Y90Scenario {
  method: 'resin-bsa';
  heightCm: number;
  weightKg: number;
  /** Lung shunt fraction of the scenario (0..1). */
  lungShuntFraction: number;
}

/** One practice task as the trainee sees it: nothing here reveals the reference. */
export interface PracticeTask {
  id: string;
  kind: PracticeTaskKind;
  title: string;
  instructions: string;
  /** plan-ablation: which lesion, and roughly where (the trainee must find it). */
  lesion?: { id: string; nearLps: Vec3 };
  /** plan-ablation: the margin to achieve, with its source. */
  marginTarget?: { mm: number; source: string };
  y90?: Y90Scenario;
}

/**
 * Practice scenarios as data. The LSF is part of the exercise (an entered clinical value, not a
 * threshold); 12% falls in the resin reduction band so the trainee must apply it.
 */
export const Y90_SCENARIOS: { id: string; lungShuntFraction: number; note: string }[] = [
  { id: 'bsa-lsf12', lungShuntFraction: 0.12, note: 'lung shunt fraction 12%' },
];

/** The MWA size limit of the shipped rule set: larger lesions are not offered as ablation tasks. */
function ablatableDiameterMm(): { mm: number; source: string } {
  const rs = loadDefaultRuleSet();
  const rule = getRule(rs, 'ablation.size-mwa');
  return { mm: threshold(rule, 'diameterMm', resolveSettings(rs)), source: rule.source };
}

const round1 = (v: number) => Math.round(v * 10) / 10;

/**
 * The tasks of one sample case. Ablation tasks name their lesion's approximate centre (rounded to
 * a centimetre: enough to find it, not a measurement); everything else stays with the host.
 */
export function practiceTasksFor(truth: CaseTruth): PracticeTask[] {
  const def = findCase(truth.case);
  const tasks: PracticeTask[] = [
    {
      id: 'segment-liver',
      kind: 'segment-liver',
      title: 'Segment the liver',
      instructions: 'Segment the whole liver including any tumours (liver and lesion segments both count).',
    },
    {
      id: 'segment-lesions',
      kind: 'segment-lesions',
      title: 'Segment all lesions',
      instructions: 'Find and segment every liver lesion (segments of kind lesion).',
    },
  ];
  const limit = ablatableDiameterMm();
  const margin = MEASUREMENT_RULES.marginTarget;
  truth.lesions.forEach((l, n) => {
    if (l.diameterMm > limit.mm) return;
    const near = l.centreLps.map((v) => Math.round(v / 10) * 10) as Vec3;
    tasks.push({
      id: `plan-ablation:${l.id}`,
      kind: 'plan-ablation',
      title: `Plan ablation of lesion ${n + 1} with a margin of at least ${margin.value} mm`,
      instructions: `Draw the planned ablation zone (segment of kind ablation) around the lesion near LPS (${near.join(', ')}) mm so that it covers the lesion with a margin of at least ${margin.value} mm.`,
      lesion: { id: l.id, nearLps: near },
      marginTarget: { mm: margin.value, source: margin.source },
    });
  });
  if (def) {
    for (const s of Y90_SCENARIOS) {
      const heightCm = round1(def.patient.heightM * 100);
      tasks.push({
        id: `y90-activity:${s.id}`,
        kind: 'y90-activity',
        title: 'Compute the Y-90 activity',
        instructions: `Resin microspheres, whole-liver BSA method, ${s.note}. Patient ${heightCm} cm, ${def.patient.weightKg} kg. Measure liver and tumour volumes yourself and enter the activity in GBq.`,
        y90: { method: 'resin-bsa', heightCm, weightKg: def.patient.weightKg, lungShuntFraction: s.lungShuntFraction },
      });
    }
  }
  return tasks;
}

export function findPracticeTask(truth: CaseTruth, taskId: string): PracticeTask | undefined {
  return practiceTasksFor(truth).find((t) => t.id === taskId);
}
