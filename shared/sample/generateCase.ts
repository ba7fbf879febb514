import { writeSeg } from '../seg/writeSeg';
import { buildAnatomy } from './anatomy';
import type { FileSink } from './fileSink';
import { caseGrid, findCase, SAMPLE_CASES, type CaseDefinition, type CaseSize } from './cases';
import {
  CT_PHASES,
  lesionContrastToNoise,
  MR_PHASES,
  type CtPhase,
  type MrPhase,
  type Phase,
  type PhaseSpec,
} from './enhancement';
import { addSeconds, type SeriesContext } from './imageDataset';
import { postAblationFolder, writePostAblationStudy } from './postAblation';
import { uidFromKey } from './random';
import { rasterise } from './rasterise';
import { synthesisePhase } from './synthesise';
import { findLiverSeed, lesionSegmentNumber, summariseTruth, truthMasks, type CaseTruth } from './truth';
import { writeSeries } from './writeSeries';

export interface GenerateOptions {
  /** 'normal' (default) for the app and tests; 'bench' for 512x512x300 benchmark volumes. */
  size?: CaseSize;
  /** Only these phases (default: all of the case). The SEG is written only if its reference phase is included. */
  phases?: Phase[];
  /**
   * Also write the case's post-ablation follow-up study, if it has one (default true).
   * Never at 'bench' size: benchmarks load one study, and a second 512x512x300 volume would only cost time.
   */
  postAblation?: boolean;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, what: string) => void;
}

/** Where things go inside a case folder. */
export const CASE_LAYOUT = {
  dicomDir: 'dicom',
  segFile: 'truth/seg.dcm',
  truthFile: 'truth/truth.json',
} as const;

const STUDY_DATE = '20250314';
const STUDY_TIME = '100000';
const CONTRAST_START = '100300';

export function phaseSpec(modality: 'CT' | 'MR', phase: Phase): PhaseSpec {
  const spec = modality === 'CT' ? CT_PHASES[phase as CtPhase] : MR_PHASES[phase as MrPhase];
  if (!spec) throw new Error(`No ${modality} phase '${phase}'`);
  return spec;
}

/**
 * Generates a sample case and streams its files to `sink`: one folder of
 * DICOM slices per phase under dicom/ (plus the post-ablation follow-up
 * study's folder when the case has one), the ground-truth SEG and truth JSON
 * under truth/. Byte-identical on every run (seeded noise, hashed UIDs,
 * fixed dates). Returns the truth.
 */
export async function generateCaseTo(name: string, sink: FileSink, options: GenerateOptions = {}): Promise<CaseTruth> {
  options.signal?.throwIfAborted();
  const def = findCase(name);
  if (!def) throw new Error(`Unknown sample case '${name}' (have: ${SAMPLE_CASES.map((c) => c.name).join(', ')})`);
  const size = options.size ?? 'normal';
  const phases = options.phases ?? def.phases;
  for (const p of phases) if (!def.phases.includes(p)) throw new Error(`Case '${name}' has no phase '${p}'`);
  const grid = caseGrid(def.modality, size);
  const lesions = def.lesions();
  const anatomy = buildAnatomy({ liverScale: def.liverScale, lesions });
  const phantom = rasterise(grid, anatomy);
  const key = size === 'normal' ? def.name : `${def.name}:${size}`;
  const studyInstanceUid = uidFromKey(`${key}:study`);
  const frameOfReferenceUid = uidFromKey(`${key}:frame-of-reference`);
  const nz = grid.dims[2];
  const post = size === 'normal' && options.postAblation !== false ? def.postAblation : undefined;
  const total = (phases.length + (post ? 1 : 0)) * nz + 1;
  let done = 0;

  const series: CaseTruth['phases'] = [];
  const imageUids = new Map<Phase, string[]>();
  for (const phase of phases) {
    options.signal?.throwIfAborted();
    const spec = phaseSpec(def.modality, phase);
    const seriesNumber = def.phases.indexOf(phase) + 2;
    const folder = `${CASE_LAYOUT.dicomDir}/S${String(seriesNumber).padStart(2, '0')}_${phase.toUpperCase()}`;
    const ctx: SeriesContext = {
      def,
      grid,
      spec,
      studyInstanceUid,
      seriesInstanceUid: uidFromKey(`${key}:series:${phase}`),
      frameOfReferenceUid,
      seriesNumber,
      studyDate: STUDY_DATE,
      studyTime: STUDY_TIME,
      seriesTime:
        spec.delaySeconds === null
          ? addSeconds(STUDY_TIME, 90 + 30 * seriesNumber)
          : addSeconds(CONTRAST_START, spec.delaySeconds),
      contrastStartTime: CONTRAST_START,
    };
    const ct = def.modality === 'CT';
    const signal = synthesisePhase(phantom, spec, {
      blurSigmaMm: ct ? [0.8, 0.8, 1.0] : [0.9, 0.9, 1.2],
      seed: `${key}:noise:${phase}`,
      min: ct ? -1024 : 0,
      max: ct ? 3071 : 4095,
    });
    const uids = await writeSeries(
      ctx,
      signal,
      folder,
      (k) => uidFromKey(`${key}:image:${phase}:${k}`),
      sink,
      (k) => options.onProgress?.(++done, total, `${phase} ${k + 1}/${nz}`),
    );
    imageUids.set(phase, uids);
    series.push({
      phase,
      seriesInstanceUid: ctx.seriesInstanceUid,
      seriesNumber,
      seriesDescription: spec.seriesDescription,
      folder,
    });
  }

  const masks = truthMasks(phantom, lesions, (id) => uidFromKey(`${key}:lesion:${id}`));
  const conspicuous = [...def.phases].sort(
    (a, b) => lesionContrastToNoise(phaseSpec(def.modality, b)) - lesionContrastToNoise(phaseSpec(def.modality, a)),
  )[0]!;
  const summary = summariseTruth(phantom, masks, lesions, conspicuous);
  const reference = def.segReferencePhase;
  const refUids = imageUids.get(reference);
  if (refUids) {
    options.signal?.throwIfAborted();
    const seg = writeSeg({
      grid,
      source: {
        studyInstanceUid,
        seriesInstanceUid: uidFromKey(`${key}:series:${reference}`),
        frameOfReferenceUid,
        images: refUids.map((uid) => ({
          sopClassUid: def.modality === 'CT' ? '1.2.840.10008.5.1.4.1.1.2' : '1.2.840.10008.5.1.4.1.1.4',
          sopInstanceUid: uid,
        })),
        patient: def.patient,
        study: {
          date: STUDY_DATE,
          time: STUDY_TIME,
          id: def.patient.id.replace(/\D/g, ''),
          accessionNumber: `ACC${def.patient.id.replace(/\D/g, '')}`,
          description: def.modality === 'CT' ? 'CT LIVER MULTIPHASE' : 'MR LIVER GADOXETATE',
          referringPhysician: 'REFERRER^SAMPLE',
        },
      },
      segments: masks.segments,
      seriesInstanceUid: uidFromKey(`${key}:seg:series`),
      sopInstanceUid: uidFromKey(`${key}:seg:instance`),
      seriesNumber: 300,
      seriesDescription: 'Ground truth segmentation',
      contentLabel: 'GROUND_TRUTH',
      contentDescription: `Phantom truth for ${def.name}`,
      contentCreatorName: 'LiverPlan^Sample generator',
      contentDate: STUDY_DATE,
      contentTime: '120000',
      manufacturer: 'LiverPlan',
      softwareVersions: 'LiverPlan sample generator 1',
    });
    await sink(CASE_LAYOUT.segFile, seg);
  }
  let postAblation: CaseTruth['postAblation'];
  if (post) {
    options.signal?.throwIfAborted();
    const lesionIndex = lesions.findIndex((l) => l.id === post.lesionId);
    if (lesionIndex < 0) throw new Error(`Case '${name}': no lesion '${post.lesionId}' to ablate`);
    postAblation = await writePostAblationStudy({
      def,
      spec: post,
      key,
      grid,
      phantom,
      anatomy,
      tumourMask: masks.segments[lesionSegmentNumber(lesionIndex) - 1]!.mask,
      folder: postAblationFolder(CASE_LAYOUT.dicomDir, post),
      sink,
      onSlice: (k) => options.onProgress?.(++done, total, `post-ablation ${k + 1}/${nz}`),
    });
  }
  options.onProgress?.(++done, total, 'truth');
  const truth: CaseTruth = {
    case: def.name,
    description: def.description,
    difficulty: def.difficulty,
    modality: def.modality,
    phases: series,
    grid,
    frameOfReferenceUid,
    studyInstanceUid,
    segReferencedSeriesInstanceUid: uidFromKey(`${key}:series:${reference}`),
    ...summary,
    liverSeedLps: findLiverSeed(phantom, def.liverSeedLps),
    ...(postAblation ? { postAblation } : {}),
  };
  await sink(CASE_LAYOUT.truthFile, new TextEncoder().encode(JSON.stringify(truth, null, 2) + '\n'));
  return truth;
}

/** Generates a whole case in memory: path -> bytes, plus the truth. */
export async function generateCase(
  name: string,
  options: GenerateOptions = {},
): Promise<{ files: Map<string, Uint8Array>; truth: CaseTruth }> {
  const files = new Map<string, Uint8Array>();
  const truth = await generateCaseTo(name, (path, bytes) => void files.set(path, bytes), options);
  return { files, truth };
}

/** Short listing for pickers and `liverplan sample --list`. */
export function listSampleCases(): Pick<
  CaseDefinition,
  'name' | 'title' | 'description' | 'difficulty' | 'modality' | 'phases'
>[] {
  return SAMPLE_CASES.map(({ name, title, description, difficulty, modality, phases }) => ({
    name,
    title,
    description,
    difficulty,
    modality,
    phases,
  }));
}
