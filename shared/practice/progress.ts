import type { Headline } from './scoreAttempt';

/** What the history keeps of one attempt (enough to chart progress and list past attempts). */
export interface AttemptSummary {
  attemptId: string;
  /** ISO date-time of submission. */
  submittedAt: string;
  sample: string;
  taskId: string;
  taskTitle: string;
  headline: Headline;
}

export interface ProgressSeries {
  /** sample + task: the same exercise over time. */
  key: string;
  sample: string;
  taskId: string;
  taskTitle: string;
  label: string;
  unit: string;
  higherIsBetter: boolean;
  points: { submittedAt: string; value: number }[];
  best: number | null;
  latest: number | null;
}

/** Attempts grouped per sample and task, oldest first; attempts without a figure are skipped. */
export function progressSeries(history: AttemptSummary[]): ProgressSeries[] {
  const byKey = new Map<string, ProgressSeries>();
  const sorted = [...history].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
  for (const a of sorted) {
    const key = `${a.sample}/${a.taskId}`;
    let s = byKey.get(key);
    if (!s) {
      s = {
        key,
        sample: a.sample,
        taskId: a.taskId,
        taskTitle: a.taskTitle,
        label: a.headline.label,
        unit: a.headline.unit,
        higherIsBetter: a.headline.higherIsBetter,
        points: [],
        best: null,
        latest: null,
      };
      byKey.set(key, s);
    }
    const v = a.headline.value;
    if (v === null || !Number.isFinite(v)) continue;
    s.points.push({ submittedAt: a.submittedAt, value: v });
    s.latest = v;
    if (s.best === null || (s.higherIsBetter ? v > s.best : v < s.best)) s.best = v;
  }
  return [...byKey.values()];
}
