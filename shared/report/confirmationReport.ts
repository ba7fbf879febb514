import { lesionId } from '../case/lesionId';
import type { CaseDocument } from '../case/model';
import { completePairs, savedConfirmationMargin } from '../case/savedConfirmation';
import type { Labelmap } from '../volume/grid';
import type { ReportModelInput } from './model';

type Section = NonNullable<ReportModelInput['confirmation']>;

/** The confirmation section and, once evaluated, what its key image draws on the pre grid. */
export interface ConfirmationReport {
  section: Section;
  /** The confirmed lesion and the achieved zone's margin map (confirmMargin's overlay). */
  achieved?: { lesionLabel: number; overlay: Uint8Array };
}

const mm = (v: number) => (Number.isFinite(v) ? Number(v.toFixed(1)) : undefined);

/**
 * The Confirm workspace's result from the saved case: the post-ablation series, how it was
 * registered, and the achieved margin of the chosen lesion (recomputed from the stored zone and
 * transform with the same function the workspace uses). What is not done yet is said, not
 * guessed. Undefined when the case has no confirmation.
 */
export function confirmationReport(caseDoc: CaseDocument, labels: Labelmap): ConfirmationReport | undefined {
  const c = caseDoc.confirmation;
  if (!c) return undefined;
  const post = caseDoc.series.find((s) => s.seriesInstanceUid === c.postSeriesUid);
  const complete = completePairs(c);
  const tumour = c.tumourLabel === null ? undefined : caseDoc.segments.find((s) => s.label === c.tumourLabel);
  const base: Section = {
    postSeries: post ? post.description || 'no description' : 'post-ablation series',
    registration: c.refinedMatrix
      ? `${complete.length} landmark pairs, refined by intensity`
      : `${complete.length} landmark pairs`,
    lesion: tumour ? `${lesionId(tumour.label)} ${tumour.name}` : undefined,
  };
  const missing = [
    complete.length < 3 && !c.refinedMatrix ? 'at least 3 landmark pairs' : '',
    tumour ? '' : 'the lesion to confirm',
    c.zoneBase64 ? '' : 'the ablation zone on the post-ablation series',
  ].filter(Boolean);
  if (missing.length) return { section: { ...base, note: `Not evaluated: ${missing.join(', ')} not entered.` } };
  try {
    const r = savedConfirmationMargin(caseDoc, labels, tumour!.label, c.zoneBase64!);
    const section: Section = {
      ...base,
      zoneMl: mm(r.zoneVolumeMl),
      minimumMm: mm(r.margin.mamMm),
      q25Mm: mm(r.margin.q25Mm),
      medianMm: mm(r.margin.medianMm),
      percentBelowZero: mm(r.margin.percentBelow0),
      percentBelowTarget: mm(r.margin.percentBelow5),
      targetMm: r.margin.targetMm,
      note: [
        r.margin.residualTumour ? 'Residual unablated tumour: part of the tumour surface lies outside the zone.' : '',
        r.note,
      ]
        .filter(Boolean)
        .join(' '),
    };
    return { section, achieved: { lesionLabel: tumour!.label, overlay: r.overlay } };
  } catch (e) {
    return { section: { ...base, note: `Not evaluated: ${(e as Error).message}.` } };
  }
}
