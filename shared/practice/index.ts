/**
 * Trainee practice mode (issue 10): tasks as data and scoring, pure.
 *
 * - `practiceTasksFor(truth): PracticeTask[]`, `findPracticeTask(truth, id)`.
 * - `scoreAttempt({task, reference, truth, attempt?, activityGBq?}): {scores, errorMap, reference}`:
 *   Dice/HD95/volume error (compareMasks), lesion detection by overlap, ablation coverage and
 *   margin (computeMargin), Y-90 activity difference (resin BSA), FP/FN map (ERROR_MAP), debrief.
 * - `progressSeries(history)`: per sample/task series of the headline figure.
 */
export { practiceTasksFor, findPracticeTask, Y90_SCENARIOS } from './tasks';
export type { PracticeTask, PracticeTaskKind, Y90Scenario } from './tasks';
export { scoreAttempt } from './scoreAttempt';
export type { Headline, PracticeScores, PracticeOutcome, ScoreInput } from './scoreAttempt';
export { ERROR_MAP, errorMap } from './errorMap';
export { progressSeries } from './progress';
export type { AttemptSummary, ProgressSeries } from './progress';
export type { AttemptLabels, ReferenceMasks } from './masks';
export type { LesionLandmark } from './debrief';
