import { localDateTime, NOT_ENTERED, NOT_RECORDED, patientLine, personName, sexWord, shownDate } from './formatPeople';
import type { ReportModel } from './model';

/** One printed block of the report; the PDF and the in-app preview draw the same list. */
export type ReportBlock =
  | { kind: 'title'; text: string }
  | { kind: 'banner'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string; small?: boolean; bold?: boolean }
  | { kind: 'facts'; pairs: [string, string][] }
  | { kind: 'table'; headers: string[]; rows: string[][]; widths: number[] }
  | { kind: 'images' }
  | { kind: 'space'; points: number };

const num = (v: number | undefined, digits = 1) =>
  v === undefined || !Number.isFinite(v) ? NOT_ENTERED : v.toFixed(digits);
const mm = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? NOT_ENTERED : `${v.toFixed(1)} mm`);
const text = (v: string | undefined) => (v?.trim() ? v.trim() : NOT_ENTERED);
/** Patient and study facts come from the DICOM header: absent there, they were not recorded. */
const header = (v: string | undefined) => (!v?.trim() || v === NOT_ENTERED ? NOT_RECORDED : v.trim());

const KIND_WORDS: Record<string, string> = {
  liver: 'liver',
  lesion: 'lesion',
  vessel: 'vessel',
  critical: 'critical structure',
  ablation: 'ablation zone',
  target: 'target',
  other: 'other',
};

const STATUS_WORDS: Record<string, string> = {
  eligible: 'Eligible',
  caution: 'Caution',
  contraindicated: 'Contraindicated',
  info: 'Information',
  'not evaluated': 'Not evaluated',
};

/** A rule set "id@1.0.0" as "id version 1.0.0". */
const versioned = (s: string) => s.replace(/@/g, ' version ');

/**
 * The report as printed: every section in reading order, each value formatted for people,
 * missing values as "not entered" and absent sections said so rather than left out. Pure, so the
 * PDF, the preview and the tests read the same words.
 */
export function reportSections(model: ReportModel): { blocks: ReportBlock[]; footer: string } {
  const b: ReportBlock[] = [];
  const p = model.patient;
  const s = model.study;
  b.push({ kind: 'title', text: model.title });
  b.push({ kind: 'banner', text: 'PLANNING AID - NOT FOR DIAGNOSTIC USE ALONE' });
  b.push({
    kind: 'facts',
    pairs: [
      ['Patient', header(personName(p.name))],
      ['Study', header(s.description)],
      ['Patient ID', header(p.id)],
      ['Study date', header(shownDate(s.date))],
      ['Birth date', header(shownDate(p.birthDate))],
      ['Accession', header(s.accessionNumber)],
      ['Sex', header(sexWord(p.sex))],
      ['Series', header(s.referenceSeries)],
      ['Report', localDateTime(new Date(model.generatedAt))],
      ['Prepared by', text(model.signature.preparedBy)],
    ],
  });

  b.push({ kind: 'heading', text: 'Indication and procedure' });
  b.push({
    kind: 'facts',
    pairs: [
      ['Indication', text(model.indication)],
      ['Procedure', text(model.procedure)],
    ],
  });
  if (model.clinical.length)
    b.push({
      kind: 'table',
      headers: ['Clinical score', 'Value'],
      rows: model.clinical.map((c) => [c.label, c.value]),
      widths: [3, 5],
    });

  b.push({ kind: 'heading', text: 'Key images' });
  if (model.keyImages.length) {
    b.push({
      kind: 'paragraph',
      small: true,
      text: `Axial images of the reference series${model.keyImageWindow ? ` at window ${model.keyImageWindow}` : ''}. Letters give the patient's directions; the bar gives the scale.`,
    });
    b.push({ kind: 'images' });
  } else b.push({ kind: 'paragraph', text: 'None: the reference series could not be read for images.' });

  const mean = model.intensityUnit === 'signal' ? 'Mean signal' : 'Mean HU';
  const sd = model.intensityUnit === 'signal' ? 'SD signal' : 'SD HU';
  b.push({ kind: 'heading', text: 'Volumetry' });
  if (model.volumetry.length) {
    b.push({
      kind: 'table',
      headers: ['Structure', 'Type', 'Volume (mL)', mean, sd],
      rows: model.volumetry.map((v) => [
        v.name,
        KIND_WORDS[v.kind] ?? v.kind,
        num(v.volumeMl),
        num(v.meanHu, 0),
        num(v.sdHu, 0),
      ]),
      widths: [3.5, 2.5, 2, 1.5, 1.5],
    });
    b.push({ kind: 'paragraph', small: true, text: `Method: ${model.volumeMethod}` });
  } else b.push({ kind: 'paragraph', text: `Segmentation: ${NOT_ENTERED}.` });
  b.push({
    kind: 'paragraph',
    bold: true,
    text: model.burden
      ? model.burden.tumourMl === 0 && !model.lesions.length
        ? `Tumour burden: no lesion segmented; whole liver ${num(model.burden.liverIncludingTumourMl)} mL.`
        : `Tumour burden ${num(model.burden.percent, model.burden.percent > 0 && model.burden.percent < 0.1 ? 2 : 1)} % (${model.burden.bin}): ${num(model.burden.tumourMl)} mL tumour of ${num(model.burden.liverIncludingTumourMl)} mL whole liver including tumours.`
      : `Tumour burden: ${NOT_ENTERED} (needs a liver segment).`,
  });
  if (model.volumeCoverage)
    b.push({
      kind: 'paragraph',
      bold: true,
      text: `The liver reaches the ${model.volumeCoverage} images of the series: its volume and the tumour burden cover only the scanned part of the liver.`,
    });

  b.push({ kind: 'heading', text: 'Lesions' });
  if (model.lesions.length)
    b.push({
      kind: 'table',
      headers: ['ID', 'Name', 'Lobe', 'Axial (mm)', 'Max 3D (mm)', 'Volume (mL)', mean],
      rows: model.lesions.map((l) => [
        l.id ?? NOT_ENTERED,
        l.name,
        text(l.lobe),
        l.axialLongMm !== undefined && l.axialShortMm !== undefined
          ? `${l.axialLongMm.toFixed(1)} x ${l.axialShortMm.toFixed(1)}`
          : NOT_ENTERED,
        num(l.maxDiameterMm),
        num(l.volumeMl, 2),
        num(l.meanHu, 0),
      ]),
      widths: [1, 2.6, 1.4, 1.9, 1.5, 1.5, 1.3],
    });
  else b.push({ kind: 'paragraph', text: `Lesions: ${NOT_ENTERED}.` });

  b.push({ kind: 'heading', text: 'Y-90 radioembolization' });
  if (model.territories.length) {
    b.push({
      kind: 'table',
      headers: ['Territory', 'Cut', 'Liver (mL)', 'Tumour mL / kg', 'Normal mL / kg'],
      rows: model.territories.map((t) => [
        t.target ? `${t.name} (target)` : t.name,
        t.planes,
        t.targetMl.toFixed(1),
        `${t.tumourMl.toFixed(1)} / ${t.tumourKg.toFixed(3)}`,
        `${t.normalMl.toFixed(1)} / ${t.normalKg.toFixed(3)}`,
      ]),
      widths: [2, 3.2, 1.4, 2, 2],
    });
    b.push({ kind: 'paragraph', small: true, text: `Masses at tissue density ${model.territories[0]!.density}.` });
  } else b.push({ kind: 'paragraph', text: `Target territory: ${NOT_ENTERED}.` });
  if (model.y90) {
    b.push({ kind: 'paragraph', text: `Dosimetry: ${model.y90.model}` });
    b.push({
      kind: 'table',
      headers: ['Quantity', 'Value', 'Unit'],
      rows: model.y90.rows.map((r) => [r.label, r.value, r.unit]),
      widths: [4, 3, 1.5],
    });
  } else b.push({ kind: 'paragraph', text: `Activity and dose: ${NOT_ENTERED}.` });

  b.push({ kind: 'heading', text: 'Ablation plan and analysis' });
  const plan = model.ablationPlan;
  if (plan) {
    b.push({
      kind: 'table',
      headers: ['Applicator', 'Device', 'Setting', 'Predicted zone', 'Path (mm)', 'Zone source'],
      rows: plan.applicators.map((a) => [
        a.name,
        a.device,
        text(a.setting),
        a.problem ?? text(a.zone),
        a.pathMm.toFixed(1),
        text(a.source),
      ]),
      widths: [1.6, 2.2, 1.6, 2.4, 1.2, 3],
    });
    if (plan.lesions.length) {
      b.push({
        kind: 'table',
        headers: ['Lesion', 'Minimal margin', 'q25', 'Median', `% < ${plan.targetMarginMm} mm`, 'Heat sink', 'Note'],
        rows: plan.lesions.map((l) => [
          l.lesion,
          ...(l.targeted
            ? [mm(l.minimumMm), mm(l.q25Mm), mm(l.medianMm), num(l.percentBelowTarget)]
            : ['n/a', 'n/a', 'n/a', 'n/a']),
          l.heatSink || 'none',
          l.note || '',
        ]),
        widths: [2.2, 1.5, 1.2, 1.2, 1.1, 2.4, 2.4],
      });
    }
    if (plan.critical.length)
      b.push({
        kind: 'table',
        headers: [
          `Critical structure (from the ${plan.criticalFrom === 'zone' ? 'predicted zone' : 'tumours'})`,
          'Distance',
          'Warning',
        ],
        rows: plan.critical.map((c) => [
          c.structure,
          c.distanceMm === undefined ? `more than ${c.searchedMm} mm` : mm(c.distanceMm),
          c.warning ? 'yes' : 'no',
        ]),
        widths: [4, 2, 1.5],
      });
    b.push({
      kind: 'paragraph',
      small: true,
      text: `Union of predicted zones ${plan.zoneVolumeMl === undefined ? NOT_ENTERED : `${plan.zoneVolumeMl.toFixed(1)} mL`}. Target margin ${plan.targetMarginMm} mm (${plan.marginSource}). Predicted zones are estimates from manufacturer charts measured in animal liver.`,
    });
  } else b.push({ kind: 'paragraph', text: `Applicators: ${NOT_ENTERED}.` });
  if (model.ablation) {
    const a = model.ablation;
    b.push({ kind: 'paragraph', bold: true, text: 'Margins to the segmented ablation zones' });
    b.push({
      kind: 'table',
      headers: ['Lesion', 'Zone', 'Minimal margin', 'q25', 'Median', '% < 0 mm', `% < ${a.targetMarginMm} mm`],
      rows: a.margins.map((m) => [
        m.lesion,
        m.zone,
        mm(m.minimumMm),
        mm(m.q25Mm),
        mm(m.medianMm),
        num(m.percentBelowZero),
        num(m.percentBelowTarget),
      ]),
      widths: [2, 2, 1.6, 1.3, 1.3, 1.3, 1.3],
    });
    for (const flag of a.flags) b.push({ kind: 'paragraph', text: `- ${flag}` });
  }

  b.push({ kind: 'heading', text: 'Ablation confirmation' });
  const c = model.confirmation;
  if (c) {
    b.push({
      kind: 'facts',
      pairs: [
        ['Post series', c.postSeries],
        ['Registration', c.registration],
        ['Lesion', text(c.lesion)],
        ['Zone', c.zoneMl === undefined ? NOT_ENTERED : `${c.zoneMl.toFixed(1)} mL`],
        ['Minimal margin', mm(c.minimumMm)],
        ['q25 / median', c.q25Mm === undefined ? NOT_ENTERED : `${mm(c.q25Mm)} / ${mm(c.medianMm)}`],
        ['% < 0 mm', num(c.percentBelowZero)],
        [`% < ${c.targetMm ?? 5} mm`, num(c.percentBelowTarget)],
      ],
    });
    if (c.note) b.push({ kind: 'paragraph', text: c.note });
  } else b.push({ kind: 'paragraph', text: `Post-ablation confirmation: ${NOT_ENTERED}.` });

  b.push({ kind: 'heading', text: 'Rule outcomes' });
  const notEvaluated = model.outcomes.filter((o) => o.status === 'not evaluated');
  const outcomes = model.outcomes.filter((o) => o.status !== 'not evaluated');
  for (const o of notEvaluated) b.push({ kind: 'paragraph', bold: true, text: o.message });
  if (outcomes.length)
    b.push({
      kind: 'table',
      headers: ['Outcome', 'Therapy', 'Finding', 'Source'],
      rows: outcomes.map((o) => [
        `${STATUS_WORDS[o.status] ?? o.status}${o.hardWarning ? ' (hard warning)' : ''}`,
        [o.modality, o.lesionId].filter(Boolean).join(', ') || 'all',
        o.message,
        o.source,
      ]),
      widths: [1.7, 1.5, 5, 3],
    });
  else if (!notEvaluated.length)
    b.push({ kind: 'paragraph', text: `Plan inputs: ${NOT_ENTERED}; no rule was evaluated.` });
  if (model.inputOrigins.length) {
    b.push({ kind: 'paragraph', bold: true, text: 'Plan inputs taken from the measurements' });
    b.push({
      kind: 'table',
      headers: ['Input', 'Value', 'Source'],
      rows: model.inputOrigins.map((o) => [o.field, o.value, o.source]),
      widths: [3, 1.5, 4.5],
    });
  }

  b.push({ kind: 'heading', text: 'Versions and disclaimer' });
  b.push({
    kind: 'paragraph',
    small: true,
    text: `Software ${model.versions.software}. Rules: ${model.versions.ruleSet ? versioned(model.versions.ruleSet) : 'none applied'}.`,
  });
  b.push({ kind: 'paragraph', small: true, text: model.disclaimer });
  b.push({ kind: 'space', points: 18 });
  b.push({ kind: 'paragraph', text: `Prepared by: ${model.signature.preparedBy ?? '______________________'}` });
  b.push({ kind: 'space', points: 14 });
  b.push({
    kind: 'paragraph',
    text: `Reviewed and signed: ${model.signature.reviewer ?? '______________________'}      Date: ____________`,
  });
  const who = patientLine(p);
  return { blocks: b, footer: `${who === NOT_ENTERED ? 'Patient name not recorded' : who} - ${model.title}` };
}
