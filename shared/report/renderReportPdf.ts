import { PDFDocument } from 'pdf-lib';
import { base64ToBytes } from '../ipc/base64';
import { createLayout } from './pdfLayout';
import type { ReportModel } from './model';

const fmt = (v: number | undefined, digits = 1) => (v === undefined || !Number.isFinite(v) ? '-' : v.toFixed(digits));

const pngBytes = (b64: string) => base64ToBytes(b64.replace(/^data:image\/png;base64,/, ''));

/**
 * Renders the report to PDF with pdf-lib, in pure code, so the app and the
 * CLI produce the same bytes for the same model (dates come from the model).
 */
export async function renderReportPdf(model: ReportModel): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const at = new Date(model.generatedAt);
  doc.setTitle(model.title);
  doc.setAuthor(model.versions.software);
  doc.setCreator(model.versions.software);
  doc.setProducer('pdf-lib');
  doc.setCreationDate(at);
  doc.setModificationDate(at);
  const L = await createLayout(doc);

  L.paragraph(model.title, { size: 17, bold: true, color: [0.1, 0.2, 0.4] });
  L.paragraph('PLANNING AID - NOT FOR DIAGNOSTIC USE ALONE', { size: 8, bold: true, color: [0.7, 0.1, 0.1] });
  L.table(
    ['Patient', 'ID', 'Birth date / sex', 'Study', 'Study date', 'Accession'],
    [
      [
        model.patient.name,
        model.patient.id,
        `${model.patient.birthDate ?? '-'} / ${model.patient.sex ?? '-'}`,
        model.study.description,
        model.study.date,
        model.study.accessionNumber ?? '-',
      ],
    ],
    [3, 2, 2, 3, 2, 2],
  );
  L.paragraph(`Reference series: ${model.study.referenceSeries}`, { size: 8 });

  L.heading('Indication');
  L.paragraph(model.indication || 'Not stated.');
  if (model.procedure) L.paragraph(`Planned procedure: ${model.procedure}`);
  if (model.clinical.length)
    L.table(
      ['Clinical value', 'Value'],
      model.clinical.map((c) => [c.label, c.value]),
      [3, 3],
    );

  if (model.keyImages.length) {
    L.heading('Key images');
    for (const img of model.keyImages) await L.image(pngBytes(img.pngBase64), img.width, img.height, img.caption);
  }

  L.heading('Volumetry');
  L.table(
    ['Segment', 'Kind', 'Volume (mL)', 'Voxels', 'Mean HU', 'SD HU'],
    model.volumetry.map((v) => [v.name, v.kind, fmt(v.volumeMl, 2), String(v.voxels), fmt(v.meanHu), fmt(v.sdHu)]),
    [3, 2, 2, 2, 1.5, 1.5],
  );
  L.paragraph(`Method: ${model.volumeMethod}`, { size: 8 });

  if (model.burden) {
    L.heading('Tumour burden');
    const b = model.burden;
    L.paragraph(
      `${fmt(b.percent)} % (bin ${b.bin}): ${fmt(b.tumourMl, 1)} mL tumour of ${fmt(b.liverIncludingTumourMl, 1)} mL whole liver including tumours.`,
      { bold: true },
    );
  }

  if (model.lesions.length) {
    L.heading('Lesions');
    L.table(
      ['Lesion', 'Volume (mL)', 'Max diameter (mm)', 'Mean HU', 'Site'],
      model.lesions.map((l) => [l.name, fmt(l.volumeMl, 2), fmt(l.maxDiameterMm), fmt(l.meanHu), l.site ?? '-']),
      [3, 2, 2, 2, 3],
    );
  }

  L.heading('Plan outcomes');
  if (model.outcomes.length) {
    L.table(
      ['Status', 'Therapy', 'Rule', 'Finding', 'Source'],
      model.outcomes.map((o) => [
        `${o.status.toUpperCase()}${o.hardWarning ? ' (!)' : ''}`,
        [o.modality, o.lesionId].filter(Boolean).join(' ') || '-',
        o.ruleId,
        o.message,
        o.source,
      ]),
      [1.7, 1.4, 2, 4.5, 3],
    );
  } else L.paragraph('No rule was triggered by the values entered.');

  if (model.y90) {
    L.heading(`Y-90 activity and dose (${model.y90.model})`);
    L.table(
      ['Quantity', 'Value', 'Unit'],
      model.y90.rows.map((r) => [r.label, r.value, r.unit]),
      [4, 2, 2],
    );
  }

  if (model.territories.length) {
    L.heading('Y-90 target territories');
    L.table(
      ['Territory', 'Cut', 'Liver mL', 'Tumour mL / kg', 'Normal mL / kg'],
      model.territories.map((t) => [
        t.target ? `${t.name} (target)` : t.name,
        t.planes,
        t.targetMl.toFixed(1),
        `${t.tumourMl.toFixed(1)} / ${t.tumourKg.toFixed(3)}`,
        `${t.normalMl.toFixed(1)} / ${t.normalKg.toFixed(3)}`,
      ]),
      [2, 3.2, 1.4, 2, 2],
    );
    L.paragraph(`Masses at tissue density ${model.territories[0]!.density}.`);
  }

  if (model.inputOrigins.length) {
    L.heading('Plan inputs from measurements');
    L.table(
      ['Input', 'Value', 'Source'],
      model.inputOrigins.map((o) => [o.field, o.value, o.source]),
      [3, 1.5, 4.5],
    );
  }

  if (model.ablation) {
    const a = model.ablation;
    L.heading('Ablation margins');
    L.table(
      ['Lesion', 'Zone', 'Minimum (mm)', 'q25 (mm)', 'Median (mm)', '% < 0 mm', `% < ${a.targetMarginMm} mm`],
      a.margins.map((m) => [
        m.lesion,
        m.zone,
        fmt(m.minimumMm),
        fmt(m.q25Mm),
        fmt(m.medianMm),
        fmt(m.percentBelowZero),
        fmt(m.percentBelowTarget),
      ]),
      [2, 2, 1.6, 1.4, 1.6, 1.4, 1.4],
    );
    for (const flag of a.flags) L.paragraph(`- ${flag}`);
    L.paragraph('Ablation zones are estimates from manufacturer charts measured in animal liver.', { size: 8 });
  }

  L.heading('Versions');
  L.paragraph(
    `Software: ${model.versions.software}. Rule set: ${model.versions.ruleSet ?? 'none applied'}. Generated ${model.generatedAt}.`,
  );
  L.heading('Disclaimer');
  L.paragraph(model.disclaimer, { size: 8.5 });
  L.space(18);
  L.paragraph(`Prepared by: ${model.signature.preparedBy ?? '______________________'}`);
  L.space(14);
  L.paragraph(`Reviewed and signed: ${model.signature.reviewer ?? '______________________'}      Date: ____________`);
  L.finish(`${model.patient.name} (${model.patient.id}) - ${model.title} - ${model.versions.software}`);
  return doc.save({ useObjectStreams: false });
}
