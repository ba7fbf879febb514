import { describe, expect, it } from 'vitest';
import { caseDocOf } from '../../../shared/case/testing/caseDocOf';
import { randomCase, rng } from '../../../shared/case/testing/randomCase';
import { measureCase as measureForExport } from '../../../shared/export/buildCaseObjects';
import { evaluatePlan, loadDefaultRuleSet } from '../../../shared/planning/index';
import { baseInput } from '../../../shared/planning/testing/baseInput';
import { buildReportModel } from '../../../shared/report/buildReportModel';
import type { AnalysisSummary } from '../ablation/ablationStore';
import { runSegmentJob } from '../segmentation/runSegmentJob';
import type { CaseStatistics } from '../segmentation/segmentJobs';
import { measureSummary, measuredMargins } from './measureStore';

const software = { manufacturer: 'LiverPlan', modelName: 'LiverPlan', version: '0.1.0', deviceSerialNumber: 'dev' };

/** A case with HU noise, so per-lesion HU statistics are worth comparing too. */
function caseWithHu(seed: number) {
  const c = randomCase(seed);
  const r = rng(seed + 1000);
  const hu = Float32Array.from(c.labels.data, (v) => (v ? 40 + 20 * v : -100) + 10 * r());
  return { ...c, volume: { grid: c.labels.grid, data: hu } };
}

describe('case figures', () => {
  // Property: the Segment panel, the export/report path and the Plan summary read one measurement.
  it.each([11, 12, 13, 14, 15])(
    'agree to the voxel in the panel, export, report and plan on random case %i',
    (seed) => {
      const { labels, segments, volume } = caseWithHu(seed);
      const panel = runSegmentJob({
        op: 'stats',
        labelmap: labels,
        phases: [{ name: 'reference', volume }],
        segments,
      }) as CaseStatistics;
      const caseDoc = caseDocOf(segments);
      const exported = measureForExport(caseDoc, labels, volume);
      const report = buildReportModel({
        caseDoc,
        labels,
        measurements: exported,
        software,
        at: new Date('2026-01-01T00:00:00Z'),
        referenceSeries: 'reference',
      });
      const plan = measureSummary(panel)!;

      expect(exported.figures).toEqual(panel);
      expect(panel.lesionCount).toBe(segments.filter((s) => s.kind === 'lesion').length);
      expect(report.burden).toEqual({
        percent: panel.burden!.percent,
        bin: panel.burden!.bin,
        tumourMl: panel.burden!.tumourMl,
        liverIncludingTumourMl: panel.burden!.liverIncludingTumourMl,
      });
      expect(report.lesions.map((l) => [l.id, l.name, l.volumeMl, l.maxDiameterMm, l.meanHu])).toEqual(
        panel.lesions.map((l) => [l.id, l.name, l.volumeMl, l.maxDiameter3dMm, l.intensity[0]!.mean]),
      );
      expect([plan.liverMl, plan.tumourMl, plan.burdenPercent]).toEqual([
        panel.burden!.liverIncludingTumourMl,
        panel.burden!.tumourMl,
        panel.burden!.percent,
      ]);
      expect(plan.lesions.map((l) => [l.id, l.volumeMl, l.diameterMm])).toEqual(
        panel.lesions.map((l) => [l.id, l.volumeMl, l.maxDiameter3dMm]),
      );
    },
  );

  it('carries an Ablation or Confirm margin to the plan by lesion id, unchanged by a rename', () => {
    const { labels, segments } = randomCase(21);
    const analysis = {
      tumours: [{ label: 2, name: 'Lesion 1', margin: { mamMm: 3.2 }, heatSink: [], note: '' }],
    } as unknown as AnalysisSummary;
    const margins = measuredMargins(analysis, { tumourLabel: null, mamMm: undefined });
    const plan = (segs: typeof segments) => {
      const stats = runSegmentJob({ op: 'stats', labelmap: labels, phases: [], segments: segs }) as CaseStatistics;
      return measureSummary(stats, margins)!;
    };
    const before = plan(segments);
    const renamed = plan(segments.map((s) => (s.label === 2 ? { ...s, name: 'Segment VI met' } : s)));
    expect(renamed.lesions.map((l) => [l.id, l.margin])).toEqual(before.lesions.map((l) => [l.id, l.margin]));
    expect(renamed.lesions[0]).toMatchObject({ id: 'L2', name: 'Segment VI met', margin: { mamMm: 3.2 } });

    // Confirm (the achieved zone) replaces the predicted margin of the same lesion.
    const confirmed = measuredMargins(analysis, { tumourLabel: 2, mamMm: 6.5 });
    expect(confirmed.get(2)).toEqual({ mamMm: 6.5, source: 'Confirm (achieved zone)' });

    // The plan's ablation margin rule reports it on that lesion.
    const input = baseInput();
    input.plannedModality = 'MWA';
    input.measured = {
      liverMl: 1500,
      tumourMl: 30,
      lesions: renamed.lesions.map((l) => ({
        id: l.id,
        diameterMm: 20,
        lobe: 'right' as const,
        ...(l.margin ? { minimalAblativeMarginMm: l.margin.mamMm } : {}),
      })),
    };
    const result = evaluatePlan(input as never, loadDefaultRuleSet());
    const row = result.outcomes.find((o) => o.ruleId === 'ablation.margin' && o.lesionId === 'L2');
    expect(row?.rationale).toMatch(/Minimal margin 3\.2 mm is below the 5 mm target/);
  });
});
