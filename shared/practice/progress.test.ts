import { describe, expect, it } from 'vitest';
import { progressSeries, type AttemptSummary } from './progress';

const a = (id: string, at: string, taskId: string, value: number | null, higherIsBetter = true): AttemptSummary => ({
  attemptId: id,
  submittedAt: at,
  sample: 's',
  taskId,
  taskTitle: taskId,
  headline: { label: 'x', value, unit: '', higherIsBetter },
});

describe('progressSeries', () => {
  it('groups per task, sorts by date, tracks best and latest and skips empty figures', () => {
    const series = progressSeries([
      a('3', '2026-01-03T00:00:00Z', 'liver', 0.8),
      a('1', '2026-01-01T00:00:00Z', 'liver', 0.9),
      a('2', '2026-01-02T00:00:00Z', 'liver', null),
      a('4', '2026-01-01T00:00:00Z', 'y90', 12, false),
      a('5', '2026-01-02T00:00:00Z', 'y90', 3, false),
    ]);
    expect(series).toHaveLength(2);
    const liver = series.find((s) => s.taskId === 'liver')!;
    expect(liver.points.map((p) => p.value)).toEqual([0.9, 0.8]);
    expect(liver.best).toBe(0.9);
    expect(liver.latest).toBe(0.8);
    expect(series.find((s) => s.taskId === 'y90')!.best).toBe(3);
  });
});
