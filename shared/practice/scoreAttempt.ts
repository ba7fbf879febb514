import { voxelVolumeMm3 } from '../volume/grid';
import { largestErrors, formatLps, type LesionLandmark } from './debrief';
import { detectLesions, type LesionDetection } from './detectLesions';
import { classMask, ERROR_MAP, errorMap } from './errorMap';
import { countVoxels, maskOfKinds, unionMask, type AttemptLabels, type ReferenceMasks } from './masks';
import { ablationTargetMask, scoreAblation, type AblationScore } from './scoreAblation';
import { scoreDosimetry, type DosimetryScore } from './scoreDosimetry';
import { scoreStructure, type StructureScore } from './scoreStructure';
import type { PracticeTask, PracticeTaskKind } from './tasks';

/** The one figure a task is tracked by over time. */
export interface Headline {
  label: string;
  value: number | null;
  unit: string;
  higherIsBetter: boolean;
}

/** Everything a submission is scored as; JSON-safe (it is stored in the history). */
export interface PracticeScores {
  taskId: string;
  kind: PracticeTaskKind;
  headline: Headline;
  structures: StructureScore[];
  detection?: LesionDetection;
  ablation?: AblationScore;
  dosimetry?: DosimetryScore;
  debrief: string[];
}

export interface PracticeOutcome {
  scores: PracticeScores;
  /** Feedback overlay on the attempt grid (ERROR_MAP values); null for tasks without voxels. */
  errorMap: Uint8Array | null;
  /** The reference of the task's structure on the attempt grid, shown beside the attempt. */
  reference: Uint8Array | null;
}

export interface ScoreInput {
  task: PracticeTask;
  reference: ReferenceMasks;
  /** Truth figures of the case (the reference volumes the dosimetry uses, lesion landmarks). */
  truth: { liverMl: number; tumourMl: number; lesions: LesionLandmark[] };
  attempt?: AttemptLabels;
  activityGBq?: number;
}

const LIVER_KINDS = ['liver', 'lesion'];
const LESION_KINDS = ['lesion'];
const ABLATION_KINDS = ['ablation'];

/** Scores one submission of any task kind against the case reference. */
export function scoreAttempt(input: ScoreInput): PracticeOutcome {
  const { task } = input;
  if (task.kind === 'y90-activity') return scoreY90(input);
  const attempt = input.attempt;
  if (!attempt) throw new Error(`task ${task.id} needs the attempt labelmap`);
  if (attempt.labels.length !== input.reference.liver.length)
    throw new Error('attempt and reference grids differ in size');
  if (task.kind === 'segment-liver') return scoreLiver(input, attempt);
  if (task.kind === 'segment-lesions') return scoreLesions(input, attempt);
  return scoreAblationTask(input, attempt);
}

function scoreLiver(input: ScoreInput, attempt: AttemptLabels): PracticeOutcome {
  const { reference: ref } = input;
  const mine = maskOfKinds(attempt, LIVER_KINDS);
  const s = scoreStructure('Liver', ref.liver, mine, ref.grid);
  const map = errorMap(ref.liver, mine);
  const errors = largestErrors(
    classMask(map, ERROR_MAP.falseNegative),
    classMask(map, ERROR_MAP.falsePositive),
    ref.grid,
    input.truth.lesions,
  );
  return {
    scores: {
      taskId: input.task.id,
      kind: input.task.kind,
      headline: { label: 'Dice', value: s.dice, unit: '', higherIsBetter: true },
      structures: [s],
      debrief: [structureLine(s), ...errors.lines],
    },
    errorMap: map,
    reference: ref.liver,
  };
}

function scoreLesions(input: ScoreInput, attempt: AttemptLabels): PracticeOutcome {
  const { reference: ref } = input;
  const mine = maskOfKinds(attempt, LESION_KINDS);
  const all = unionMask(
    ref.lesions.map((l) => l.mask),
    mine.length,
  );
  const s = scoreStructure('All lesions', all, mine, ref.grid);
  const detection = detectLesions(ref.lesions, mine, ref.grid);
  const map = errorMap(all, mine);
  const errors = largestErrors(
    classMask(map, ERROR_MAP.falseNegative),
    classMask(map, ERROR_MAP.falsePositive),
    ref.grid,
    input.truth.lesions,
  );
  const lines = [
    `Found ${detection.found.length} of ${ref.lesions.length} lesions; ${detection.falsePositives.length} false positive${detection.falsePositives.length === 1 ? '' : 's'}.`,
    ...detection.missed.map(
      (m) => `Missed lesion ${m.id} (${m.referenceMl.toFixed(1)} mL) near ${formatLps(m.centreLps)}.`,
    ),
    structureLine(s),
    ...errors.lines,
  ];
  return {
    scores: {
      taskId: input.task.id,
      kind: input.task.kind,
      headline: { label: 'Lesion Dice', value: s.dice, unit: '', higherIsBetter: true },
      structures: [s],
      detection,
      debrief: lines,
    },
    errorMap: map,
    reference: all,
  };
}

function scoreAblationTask(input: ScoreInput, attempt: AttemptLabels): PracticeOutcome {
  const { reference: ref, task } = input;
  const lesion = ref.lesions.find((l) => l.id === task.lesion?.id);
  if (!lesion || !task.marginTarget) throw new Error(`task ${task.id} names no reference lesion`);
  const zone = maskOfKinds(attempt, ABLATION_KINDS);
  const a = scoreAblation(lesion.id, lesion.mask, zone, ref.liver, ref.grid, task.marginTarget.mm);
  const target = ablationTargetMask(lesion.mask, ref.grid, task.marginTarget.mm);
  const map = errorMap(target, zone);
  const errors = largestErrors(
    classMask(map, ERROR_MAP.falseNegative),
    new Uint8Array(map.length),
    ref.grid,
    input.truth.lesions,
  );
  const lines =
    a.zoneMl === 0
      ? ['No ablation zone was drawn (use a segment of kind ablation).']
      : [
          `Coverage ${a.coveragePercent.toFixed(1)}% of the lesion; minimal margin ${a.marginMm === null ? 'not measurable' : `${a.marginMm.toFixed(1)} mm`} (target ${a.targetMm} mm): ${a.targetMet ? 'met' : 'not met'}.`,
          `Zone ${a.zoneMl.toFixed(1)} mL, of which ${a.zoneBeyondTargetMl.toFixed(1)} mL lies beyond the lesion plus ${a.targetMm} mm.`,
          errors.largestMiss
            ? `Largest uncovered part of lesion plus margin: ${errors.lines[0]!.replace(/^Largest miss: /, '')}`
            : 'Lesion plus margin fully covered.',
        ];
  return {
    scores: {
      taskId: task.id,
      kind: task.kind,
      headline: { label: 'Minimal margin', value: a.marginMm, unit: 'mm', higherIsBetter: true },
      structures: [],
      ablation: a,
      debrief: lines,
    },
    errorMap: map,
    reference: target,
  };
}

function scoreY90(input: ScoreInput): PracticeOutcome {
  const { task, attempt } = input;
  if (!task.y90) throw new Error(`task ${task.id} has no scenario`);
  if (input.activityGBq === undefined || !Number.isFinite(input.activityGBq))
    throw new Error('enter the activity in GBq');
  let volumes: { liverMl: number; tumourMl: number } | undefined;
  if (attempt) {
    const ml = voxelVolumeMm3(attempt.grid) / 1000;
    volumes = {
      liverMl: countVoxels(maskOfKinds(attempt, LIVER_KINDS)) * ml,
      tumourMl: countVoxels(maskOfKinds(attempt, LESION_KINDS)) * ml,
    };
  }
  const d: DosimetryScore = scoreDosimetry(task.y90, input.truth, input.activityGBq, volumes);
  const sign = d.differenceGBq >= 0 ? '+' : '';
  const lines = [
    `Your activity ${d.attemptGBq.toFixed(3)} GBq; reference ${d.referenceGBq.toFixed(3)} GBq (${sign}${d.differenceGBq.toFixed(3)} GBq, ${sign}${d.differencePercent.toFixed(1)}%).`,
  ];
  if (d.fromAttemptVolumesGBq !== null) {
    lines.push(
      `With your own segmented volumes the method gives ${d.fromAttemptVolumesGBq.toFixed(3)} GBq: ${(d.attemptGBq - d.fromAttemptVolumesGBq).toFixed(3)} GBq of the difference is arithmetic, ${(d.fromAttemptVolumesGBq - d.referenceGBq).toFixed(3)} GBq comes from the volumes.`,
    );
  }
  lines.push(`Reference computed by: ${d.source}.`);
  return {
    scores: {
      taskId: task.id,
      kind: task.kind,
      headline: { label: 'Activity error', value: Math.abs(d.differencePercent), unit: '%', higherIsBetter: false },
      structures: [],
      dosimetry: d,
      debrief: lines,
    },
    errorMap: null,
    reference: null,
  };
}

function structureLine(s: StructureScore): string {
  const hd = s.hd95Mm === null ? 'n/a' : `${s.hd95Mm.toFixed(1)} mm`;
  const pct =
    s.volumeErrorPercent === null
      ? ''
      : ` (${s.volumeErrorPercent >= 0 ? '+' : ''}${s.volumeErrorPercent.toFixed(1)}%)`;
  return `${s.structure}: Dice ${s.dice.toFixed(3)}, HD95 ${hd}, volume ${s.attemptMl.toFixed(1)} mL vs ${s.referenceMl.toFixed(1)} mL${pct}.`;
}
