import dcmjs from 'dcmjs';
import { lesionId } from '../case/lesionId';
import type { CaseMeasurements, LesionMargin } from '../case/caseMeasurements';
import { measureCase as measureCaseFigures } from '../case/measureCase';
import type { CaseDocument, Segment } from '../case/model';
import type { NaturalDataset } from '../dicom/writeInstance';
import { seriesName } from '../report/formatPeople';
import { buildReportModel } from '../report/buildReportModel';
import type { ReportExtras } from '../report/reportExtras';
import type { ReportModel } from '../report/model';
import { renderReportPdf } from '../report/renderReportPdf';
import { SEGMENT_CODES } from '../seg/codes';
import type { SegmentInfo } from '../seg/types';
import { SEGMENTATION_SOP_CLASS, buildSegDataset } from '../seg/writeSeg';
import { PRIVATE_CODES, SR_CODES, UNITS } from '../sr/codes';
import type { SrMeasurement, SrMeasurementGroup } from '../sr/types';
import { buildSrDataset } from '../sr/writeSr';
import { buildRtstructDataset, interpretedTypeOf } from '../rtstruct/writeRtstruct';
import type { Labelmap, ScalarVolume } from '../volume/grid';
import { computeMargin } from '../volume/margin';
import { buildEncapsulatedPdf } from './encapsulatedPdf';
import type { SoftwareInfo } from '../dicom/softwareInfo';
import { dicomDateTime, studyContext, textOf } from './studyContext';

export interface CaseObjectsInput {
  caseDoc: CaseDocument;
  labels: Labelmap;
  /** Headers of the reference series, sorted so that source[k] is slice k of the labels grid. */
  source: NaturalDataset[];
  /** HU of the reference series on the labels grid, for statistics and key images. */
  volume?: ScalarVolume;
  software: SoftwareInfo;
  at: Date;
  extras?: ReportExtras;
  /** Also outline the segments as an RT Structure Set (for dosimetry and RT tools that read only RTSTRUCT). */
  rtstruct?: boolean;
}

export interface CaseObjects {
  model: ReportModel;
  pdf: Uint8Array;
  seg: NaturalDataset;
  sr: NaturalDataset;
  pdfDataset: NaturalDataset;
  /** When asked for (CaseObjectsInput.rtstruct): the same segments as contours. */
  rtstruct?: NaturalDataset;
  measurements: CaseMeasurements;
}

/** Series numbers of our derived objects, high enough to sort after acquisitions. */
export const SERIES_NUMBERS = { seg: 9001, sr: 9002, pdf: 9003, rtstruct: 9004 };

const uid = () => dcmjs.data.DicomMetaDictionary.uid();

function mask(labels: Labelmap, wanted: Set<number>): Uint8Array {
  const out = new Uint8Array(labels.data.length);
  for (let n = 0; n < out.length; n++) if (wanted.has(labels.data[n]!)) out[n] = 1;
  return out;
}

/** The case figures (one measurement module for every output) plus the margins of ablation zone segments. */
export function measureCase(caseDoc: CaseDocument, labels: Labelmap, volume?: ScalarVolume): CaseMeasurements {
  const figures = measureCaseFigures({
    labels,
    segments: caseDoc.segments,
    phases: volume ? [{ name: 'reference', volume }] : [],
    territories: caseDoc.territories ?? [],
  });
  const stats = new Map(figures.segments.map((s) => [s.label, s]));
  const of = (kind: Segment['kind']) => caseDoc.segments.filter((s) => s.kind === kind && stats.has(s.label));
  const livers = of('liver');
  const lesions = of('lesion');
  const zones = of('ablation');
  const margins: LesionMargin[] = [];
  if (zones.length) {
    const zoneMask = mask(labels, new Set(zones.map((z) => z.label)));
    // The capsule is the outside of liver, lesions, zones and vessels together: one labelmap has no
    // overlaps, so intrahepatic vessels would otherwise punch "capsule" holes next to the tumour.
    const vessels = of('vessel');
    const liver = livers.length
      ? mask(labels, new Set([...livers, ...lesions, ...zones, ...vessels].map((s) => s.label)))
      : undefined;
    for (const lesion of lesions) {
      // The case has one labelmap, so a lesion inside a zone is not also labelled zone: the zone is
      // zone voxels plus this lesion's voxels. A lesion reaching out of the zone then reads ~0 mm
      // rather than negative, hence the separate protrusion check.
      const tumour = mask(labels, new Set([lesion.label]));
      const zoneWithLesion = zoneMask.map((v, n) => v | tumour[n]!);
      const result = computeMargin(tumour, zoneWithLesion, labels.grid, liver ? { liver } : {});
      margins.push({
        lesion,
        lesionId: lesionId(lesion.label),
        zone: zones.map((z) => z.name).join(' + '),
        result,
        protrudes: touchesOutside(tumour, zoneWithLesion, labels.grid.dims),
      });
    }
  }
  return { figures, stats, ...(figures.burden ? { burden: figures.burden } : {}), margins };
}

function touchesOutside(tumour: Uint8Array, zone: Uint8Array, [nx, ny, nz]: [number, number, number]): boolean {
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        const n = i + nx * (j + ny * k);
        if (!tumour[n]) continue;
        if (i === 0 || j === 0 || k === 0 || i === nx - 1 || j === ny - 1 || k === nz - 1) return true;
        if (!zone[n - 1] || !zone[n + 1] || !zone[n - nx] || !zone[n + nx] || !zone[n - nx * ny] || !zone[n + nx * ny])
          return true;
      }
  return false;
}

function segmentInfo(s: Segment, number: number, trackingUid: string): SegmentInfo {
  const anatomicRegion = s.kind === 'lesion' ? SEGMENT_CODES.lesion.anatomicRegion : undefined;
  return {
    number,
    label: s.name,
    coding: { category: s.category, type: s.type, ...(anatomicRegion ? { anatomicRegion } : {}) },
    algorithmType: 'SEMIAUTOMATIC',
    algorithmName: 'LiverPlan',
    colorRgb: s.color,
    trackingId: s.name,
    trackingUid,
  };
}

function srGroup(s: Segment, number: number, trackingUid: string, m: CaseMeasurements): SrMeasurementGroup {
  const st = m.stats.get(s.label)!;
  const measurements: SrMeasurement[] = [
    { concept: SR_CODES.volume, value: st.volumeMl, unit: UNITS.cm3, method: SR_CODES.sumOfSegmentedVoxels },
  ];
  const hu = st.intensity[0];
  if (hu) {
    for (const [derivation, value] of [
      [SR_CODES.mean, hu.mean],
      [SR_CODES.standardDeviation, hu.sd],
      [SR_CODES.minimum, hu.min],
      [SR_CODES.maximum, hu.max],
    ] as const) {
      measurements.push({ concept: SR_CODES.attenuationCoefficient, value, unit: UNITS.hu, derivation });
    }
  }
  if (s.kind === 'liver' && m.burden) {
    measurements.push({ concept: PRIVATE_CODES.tumourBurden, value: m.burden.percent, unit: UNITS.percent });
    measurements.push({
      concept: PRIVATE_CODES.burdenDenominator,
      value: m.burden.liverIncludingTumourMl,
      unit: UNITS.cm3,
      method: SR_CODES.sumOfSegmentedVoxels,
    });
  }
  const margin = m.margins.find((x) => x.lesion.label === s.label)?.result;
  if (margin) {
    measurements.push(
      { concept: PRIVATE_CODES.minimalAblativeMargin, value: margin.mamMm, unit: UNITS.mm },
      { concept: PRIVATE_CODES.marginQuartile25, value: margin.q25Mm, unit: UNITS.mm },
      { concept: PRIVATE_CODES.marginMedian, value: margin.medianMm, unit: UNITS.mm },
      { concept: PRIVATE_CODES.surfaceBelowZero, value: margin.percentBelow0, unit: UNITS.percent },
      { concept: PRIVATE_CODES.surfaceBelowTarget, value: margin.percentBelow5, unit: UNITS.percent },
    );
  }
  const site = s.kind === 'lesion' ? SEGMENT_CODES.lesion.anatomicRegion : undefined;
  // Undefined statistics (e.g. a margin whose whole surface is subcapsular) are left out, not faked.
  const finite = measurements.filter((x) => Number.isFinite(x.value));
  return {
    trackingId: s.name,
    trackingUid,
    finding: s.type,
    ...(site ? { findingSite: site } : {}),
    segmentNumber: number,
    measurements: finite,
  };
}

/**
 * Everything one export writes for a case, in the source study: the report
 * model and its PDF, a binary SEG with every non-empty segment, a TID 1500 SR
 * whose groups reference those segments, the Encapsulated PDF and, when
 * asked, an RTSTRUCT outlining the same segments.
 */
export async function buildCaseObjects(input: CaseObjectsInput): Promise<CaseObjects> {
  const { caseDoc, labels, source, software, at } = input;
  if (source.length !== labels.grid.dims[2]) {
    throw new Error(`reference series has ${source.length} images but the labelmap has ${labels.grid.dims[2]} slices`);
  }
  const measurements = measureCase(caseDoc, labels, input.volume);
  const exported = caseDoc.segments.filter((s) => measurements.stats.has(s.label));
  if (!exported.length) throw new Error('every segment of the case is empty: nothing to export');
  // The segment's own UID keeps a lesion's tracking UID the same across exports and renames.
  const tracking = new Map(exported.map((s) => [s.label, s.uid ?? uid()]));
  const study = studyContext(source[0]!);
  const { date, time } = dicomDateTime(at);
  const segUids = { series: uid(), sop: uid() };
  const seg = buildSegDataset({
    grid: labels.grid,
    source: {
      studyInstanceUid: String(study.StudyInstanceUID),
      seriesInstanceUid: String(source[0]!.SeriesInstanceUID),
      frameOfReferenceUid: String(source[0]!.FrameOfReferenceUID),
      images: source.map((s) => ({ sopClassUid: String(s.SOPClassUID), sopInstanceUid: String(s.SOPInstanceUID) })),
      patient: {
        name: textOf(study.PatientName),
        id: textOf(study.PatientID),
        birthDate: textOf(study.PatientBirthDate),
        sex: textOf(study.PatientSex),
      },
      study: {
        date: textOf(study.StudyDate),
        time: textOf(study.StudyTime),
        id: textOf(study.StudyID),
        accessionNumber: textOf(study.AccessionNumber),
        description: textOf(study.StudyDescription),
        referringPhysician: textOf(study.ReferringPhysicianName),
      },
    },
    segments: exported.map((s, n) => ({
      info: segmentInfo(s, n + 1, tracking.get(s.label)!),
      mask: mask(labels, new Set([s.label])),
    })),
    seriesInstanceUid: segUids.series,
    sopInstanceUid: segUids.sop,
    seriesNumber: SERIES_NUMBERS.seg,
    seriesDescription: 'LiverPlan segmentation',
    contentLabel: 'LIVERPLAN',
    contentDescription: 'LiverPlan planning segmentation',
    contentDate: date,
    contentTime: time,
    manufacturer: software.manufacturer,
    softwareVersions: software.version,
    deviceSerialNumber: software.deviceSerialNumber,
  });
  const sr = buildSrDataset(
    {
      seg: { sopClassUid: SEGMENTATION_SOP_CLASS, sopInstanceUid: segUids.sop, seriesInstanceUid: segUids.series },
      source: {
        seriesInstanceUid: String(source[0]!.SeriesInstanceUID),
        instances: source.map((s) => ({
          sopClassUid: String(s.SOPClassUID),
          sopInstanceUid: String(s.SOPInstanceUID),
        })),
      },
      groups: exported.map((s, n) => srGroup(s, n + 1, tracking.get(s.label)!, measurements)),
    },
    {
      study,
      seriesInstanceUid: uid(),
      sopInstanceUid: uid(),
      seriesNumber: SERIES_NUMBERS.sr,
      software,
      deviceObserverUid: software.deviceObserverUid ?? uid(),
      at,
    },
  );
  const model = buildReportModel({
    caseDoc,
    labels,
    volume: input.volume,
    measurements,
    software,
    at,
    extras: input.extras,
    referenceSeries: seriesName(source[0]),
    referenceHeader: source[Math.floor(source.length / 2)],
  });
  const pdf = await renderReportPdf(model);
  const pdfDataset = buildEncapsulatedPdf(pdf, {
    study,
    seriesInstanceUid: uid(),
    sopInstanceUid: uid(),
    seriesNumber: SERIES_NUMBERS.pdf,
    title: model.title,
    software,
    at,
    sourceInstances: [{ sopClassUid: SEGMENTATION_SOP_CLASS, sopInstanceUid: segUids.sop }],
  });
  const rtstruct = input.rtstruct
    ? buildRtstructDataset({
        labels,
        segments: exported.map((s) => ({
          label: s.label,
          name: s.name,
          color: s.color,
          interpretedType: interpretedTypeOf(s.kind),
        })),
        source,
        study,
        seriesInstanceUid: uid(),
        sopInstanceUid: uid(),
        seriesNumber: SERIES_NUMBERS.rtstruct,
        software,
        at,
      })
    : undefined;
  return { model, pdf, seg, sr, pdfDataset, ...(rtstruct ? { rtstruct } : {}), measurements };
}
