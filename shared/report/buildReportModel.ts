import type { CaseDocument } from '../case/model';
import type { CaseMeasurements } from '../case/caseMeasurements';
import type { SoftwareInfo } from '../dicom/softwareInfo';
import { voxelVolumeMm3, type Labelmap, type ScalarVolume } from '../volume/grid';
import { MEASUREMENT_RULES } from '../volume/measurementRules';
import { REPORT_DISCLAIMER, reportModelSchema, type ReportModel } from './model';
import { SHIPPED_DEVICE_TABLES, mergeDeviceEntries, type DeviceCatalogueEntry } from '../volume/devices';
import { ablationPlanReport } from './ablationPlanReport';
import { caseKeyImages } from './caseKeyImages';
import { confirmationReport } from './confirmationReport';
import { openingWindow } from './keyImageWindow';
import { MAX_KEY_IMAGES } from './model';
import { planExtras } from './planExtras';
import type { ReportExtras } from './reportExtras';
import { reportInputOrigins, reportTerritories } from './reportTerritories';

export interface BuildReportInput {
  caseDoc: CaseDocument;
  labels: Labelmap;
  volume?: ScalarVolume;
  measurements: CaseMeasurements;
  software: SoftwareInfo;
  at: Date;
  extras?: ReportExtras;
  referenceSeries: string;
  /** Header of the reference series' middle image: modality and window for the key images. */
  referenceHeader?: { Modality?: unknown; WindowCenter?: unknown; WindowWidth?: unknown };
  /** Device tables for planned applicators (default: the shipped tables). */
  devices?: DeviceCatalogueEntry[];
}

const finite = (v: number) => (Number.isFinite(v) ? v : undefined);

/** The report model of a case from its measurements (shared by the PDF, the app and the CLI). */
export function buildReportModel(input: BuildReportInput): ReportModel {
  const { caseDoc, measurements: m } = input;
  // The case's own plan inputs, evaluated on the measured volumes; what the caller passes wins.
  const extras: ReportExtras = { ...planExtras(caseDoc, m), ...input.extras };
  const exported = caseDoc.segments.filter((s) => m.stats.has(s.label));
  const [sx, sy, sz] = input.labels.grid.spacing;
  const deid = extras.deidentifiedAs;
  const ablationPlan = ablationPlanReport(
    caseDoc,
    input.labels,
    input.devices ?? mergeDeviceEntries([], SHIPPED_DEVICE_TABLES).entries,
  );
  const window = input.volume ? (extras.window ?? openingWindow(input.volume, input.referenceHeader)) : undefined;
  const confirmation = confirmationReport(caseDoc, input.labels);
  const captured = extras.keyImages ?? [];
  const auto =
    input.volume && window
      ? caseKeyImages({
          caseDoc,
          labels: input.labels,
          volume: input.volume,
          figures: m.figures,
          window,
          ablation: ablationPlan,
          confirmation: confirmation?.achieved,
          max: MAX_KEY_IMAGES - captured.length,
        })
      : { images: [], omitted: [] };
  const keyImages = [...auto.images, ...captured].slice(0, MAX_KEY_IMAGES);
  const planLobes = planLesionLobes(caseDoc.planInput);
  const ruleSets = [
    extras.ruleSet,
    m.burden?.ruleSet ?? (m.margins.length ? `${MEASUREMENT_RULES.id}@${MEASUREMENT_RULES.version}` : undefined),
  ].filter(Boolean);
  return reportModelSchema.parse({
    title: 'Liver-directed therapy planning report',
    generatedAt: input.at.toISOString(),
    patient: deid
      ? { name: deid.name, id: deid.id }
      : {
          name: caseDoc.patient.name,
          id: caseDoc.patient.id,
          birthDate: caseDoc.patient.birthDate,
          sex: caseDoc.patient.sex,
        },
    // De-identified: descriptions and case notes are free text the profile removes; only what
    // the caller typed for the teaching export is kept.
    study: {
      studyInstanceUid: deid ? '' : caseDoc.study.studyInstanceUid,
      description: deid ? '' : caseDoc.study.description,
      date: deid ? '' : caseDoc.study.date,
      accessionNumber: deid ? undefined : caseDoc.study.accessionNumber,
      referenceSeries: deid ? 'reference series' : input.referenceSeries,
    },
    indication: extras.indication ?? (deid ? '' : caseDoc.notes),
    procedure: extras.procedure,
    keyImages,
    ...(window
      ? {
          keyImageWindow:
            `W ${Math.round(window.width)} / L ${Math.round(window.center)}` +
            (auto.omitted.length ? `. Not shown for room (see the lesion table): ${auto.omitted.join(', ')}` : ''),
        }
      : {}),
    volumetry: exported.map((s) => {
      const st = m.stats.get(s.label)!;
      const hu = st.intensity[0];
      return {
        name: s.name,
        kind: s.kind,
        volumeMl: st.volumeMl,
        voxels: st.voxelCount,
        meanHu: hu?.mean,
        sdHu: hu?.sd,
      };
    }),
    intensityUnit: input.referenceHeader?.Modality === 'MR' ? 'signal' : 'HU',
    volumeCoverage: liverCoverage(caseDoc, input.labels),
    volumeMethod: `Sum of segmented voxel volumes; voxel ${sx.toFixed(2)} x ${sy.toFixed(2)} x ${sz.toFixed(2)} mm (${voxelVolumeMm3(input.labels.grid).toFixed(3)} mm3).`,
    burden: m.burden && {
      percent: m.burden.percent,
      bin: m.burden.bin,
      tumourMl: m.burden.tumourMl,
      liverIncludingTumourMl: m.burden.liverIncludingTumourMl,
    },
    // The lesion list of the case figures (one definition of a lesion), named with the stable id
    // that the plan outcomes use.
    lesions: m.figures.lesions.map((l) => ({
      id: l.id,
      name: l.name,
      volumeMl: l.volumeMl,
      axialLongMm: finite(l.axialLongestMm),
      axialShortMm: finite(l.axialPerpendicularMm),
      maxDiameterMm: finite(l.maxDiameter3dMm),
      meanHu: l.intensity[0]?.mean,
      lobe: l.lobe ?? planLobes.get(l.id),
    })),
    outcomes: extras.outcomes ?? [],
    y90: extras.y90,
    ablation: m.margins.length
      ? {
          targetMarginMm: m.margins[0]!.result.targetMm,
          margins: m.margins.map((x) => ({
            lesion: x.lesion.name,
            zone: x.zone,
            minimumMm: finite(x.result.mamMm),
            q25Mm: finite(x.result.q25Mm),
            medianMm: finite(x.result.medianMm),
            percentBelowZero: finite(x.result.percentBelow0),
            percentBelowTarget: finite(x.result.percentBelow5),
          })),
          flags: m.margins.flatMap((x) => [
            ...(x.protrudes
              ? [
                  `${x.lesion.name} reaches outside ${x.zone}: residual unablated tumour likely; the margin reads about 0 mm.`,
                ]
              : []),
            ...(x.result.residualTumour
              ? [`${x.lesion.name}: residual unablated tumour (minimal margin ${x.result.mamMm.toFixed(1)} mm).`]
              : []),
            ...(x.result.mamMm >= 0 && x.result.mamMm < x.result.targetMm
              ? [
                  `${x.lesion.name}: minimal margin ${x.result.mamMm.toFixed(1)} mm is below the ${x.result.targetMm} mm target (${MEASUREMENT_RULES.marginTarget.source}).`,
                ]
              : []),
          ]),
        }
      : undefined,
    ...(ablationPlan ? { ablationPlan: ablationPlan.section } : {}),
    confirmation: confirmation?.section,
    territories: reportTerritories(caseDoc, m.figures.territories),
    inputOrigins: reportInputOrigins(caseDoc),
    clinical: extras.clinical ?? [],
    versions: {
      software: `${input.software.modelName} ${input.software.version}`,
      ruleSet: ruleSets.length ? ruleSets.join(', ') : undefined,
    },
    disclaimer: REPORT_DISCLAIMER,
    signature: { preparedBy: extras.preparedBy },
  });
}

/** Lobes the user entered per lesion id in the plan form (used when the case has no lobe split). */
function planLesionLobes(planInput: CaseDocument['planInput']): Map<string, string> {
  const lesions = (planInput?.measured as { lesions?: unknown } | undefined)?.lesions;
  const out = new Map<string, string>();
  if (!Array.isArray(lesions)) return out;
  for (const l of lesions as { id?: unknown; lobe?: unknown }[])
    if (typeof l?.id === 'string' && typeof l.lobe === 'string' && l.lobe) out.set(l.id, l.lobe);
  return out;
}

/**
 * Which end slices of the series the liver (liver and lesion segments) touches: a liver cut by
 * the scanned range has a partial volume, which a reader must be told before trusting it.
 */
function liverCoverage(caseDoc: CaseDocument, labels: Labelmap): string | undefined {
  const liver = new Set(caseDoc.segments.filter((s) => s.kind === 'liver').map((s) => s.label));
  if (!liver.size) return undefined;
  for (const s of caseDoc.segments) if (s.kind === 'lesion') liver.add(s.label);
  const [nx, ny, nz] = labels.grid.dims;
  const plane = nx * ny;
  const touches = (k: number) => {
    for (let n = k * plane, end = n + plane; n < end; n++) if (liver.has(labels.data[n]!)) return true;
    return false;
  };
  const ends = [touches(0) ? 'first' : '', nz > 1 && touches(nz - 1) ? 'last' : ''].filter(Boolean);
  return ends.length ? ends.join(' and ') : undefined;
}
