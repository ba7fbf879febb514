import { readFile } from 'node:fs/promises';
import { loadSeriesVolume } from '../electron/services/dicom/loadSeries';
import type { LoadedCase } from '../electron/services/export/loadCase';
import { planImport } from '../shared/case/importSegments';
import { caseDocumentSchema, type CaseDocument } from '../shared/case/model';
import { readInstance, type NaturalDataset } from '../shared/dicom/writeInstance';
import { loadCaseLabels } from './loadLabelmap';
import { CliError } from './commands/types';

/**
 * A case built in memory from a series folder and a labels file, as the app holds it after
 * opening the series and importing the file into the empty case (Segment > Import SEG / NIfTI…:
 * shared/case/importSegments), so `report` and `export` run the same path as for a saved case.
 * `planPath`: the plan inputs (the JSON `liverplan plan --input` reads, or a case.json whose
 * planInput is taken).
 */
export async function caseFromFiles(imageDir: string, labelsPath: string, planPath?: string): Promise<LoadedCase> {
  const { volume, series, resampled } = await loadSeriesVolume(imageDir).catch((e: Error) => {
    throw new CliError(`${imageDir}: ${e.message}`);
  });
  // The SEG references one source image per labels slice; a resampled grid has none.
  if (resampled) throw new CliError(`${imageDir}: ${resampled} Export needs the acquired slices on a regular grid.`);
  const file = await loadCaseLabels(labelsPath, volume.grid);
  // The empty case takes the file's segments in order, so case label = composed index (as in the app).
  const { added, labelOf } = planImport([], file.segments);
  const caseLabel = new Map(file.segments.map((s) => [s.sourceNumber, labelOf[s.index]!]));
  const data = new Uint8Array(file.labels.data.length);
  for (let v = 0; v < data.length; v++) {
    const n = file.labels.data[v]!;
    if (n) data[v] = caseLabel.get(n)!;
  }

  const paths = series.planes.map((p) => p.path);
  const sourceBytes = await Promise.all(paths.map(async (p) => new Uint8Array(await readFile(p))));
  const source = sourceBytes.map((b) => readInstance(b));
  const first = source[0]!;
  const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));
  const now = new Date().toISOString();
  const planInput = planPath ? await readPlan(planPath) : undefined;
  const doc: CaseDocument = caseDocumentSchema.parse({
    schemaVersion: 1,
    caseId: `cli-${text(first.StudyInstanceUID)}`,
    createdAt: now,
    updatedAt: now,
    patient: {
      name: patientName(first.PatientName),
      id: text(first.PatientID),
      ...(first.PatientBirthDate ? { birthDate: text(first.PatientBirthDate) } : {}),
      ...(first.PatientSex ? { sex: text(first.PatientSex) } : {}),
    },
    study: {
      studyInstanceUid: text(first.StudyInstanceUID),
      description: text(first.StudyDescription),
      date: text(first.StudyDate),
      ...(first.AccessionNumber ? { accessionNumber: text(first.AccessionNumber) } : {}),
    },
    series: [
      {
        seriesInstanceUid: series.seriesInstanceUid,
        phase: series.phase.label,
        description: series.description,
        files: paths,
      },
    ],
    referenceSeriesUid: series.seriesInstanceUid,
    segments: added,
    ...(planInput ? { planInput } : {}),
    applicators: [],
    notes: '',
  });
  return {
    caseDir: imageDir,
    caseDoc: doc,
    labels: { grid: volume.grid, data },
    source,
    sourceBytes,
    volume,
  };
}

/** dcmjs gives PN as `[{ Alphabetic }]` or a string. */
function patientName(v: NaturalDataset[string]): string {
  const first = Array.isArray(v) ? (v[0] as unknown) : v;
  if (first && typeof first === 'object' && 'Alphabetic' in first) return String(first.Alphabetic ?? '');
  return first === undefined || first === null ? '' : String(first);
}

async function readPlan(path: string): Promise<Record<string, unknown>> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new CliError(`${path}: cannot read the plan inputs: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!json || typeof json !== 'object' || Array.isArray(json))
    throw new CliError(`${path}: plan inputs must be an object`);
  const o = json as Record<string, unknown>;
  const fromCase = o.schemaVersion === 1 && o.planInput && typeof o.planInput === 'object';
  return (fromCase ? o.planInput : o) as Record<string, unknown>;
}
