import { moveGrid } from '../ablation/moveGrid';
import { voxelVolumeMm3, type Grid, type Vec3 } from '../volume/grid';
import { computeMargin } from '../volume/margin';
import { applyTransform } from '../volume/registration';
import type { Part } from './anatomy';
import type { CaseDefinition, PostAblationSpec } from './cases';
import { CT_PHASES } from './enhancement';
import type { FileSink } from './fileSink';
import { addSeconds, type SeriesContext } from './imageDataset';
import { anatomicalLandmarks } from './landmarks';
import { uidFromKey } from './random';
import { rasterise, type Phantom } from './rasterise';
import { invertRigid, rigidMatrix } from './rigidMotion';
import type { Shape } from './shapes';
import { synthesisePhase } from './synthesise';
import { LESION_BASE, MAX_LESIONS, NECROSIS_BASE, TISSUE_ID } from './tissues';
import { round, type PostAblationTruth } from './truth';
import { writeSeries } from './writeSeries';

/** Folder of the post-ablation series inside the case's dicom/ folder (one import finds both studies). */
export function postAblationFolder(dicomDir: string, spec: PostAblationSpec): string {
  return `${dicomDir}/POST_S${String(spec.seriesNumber).padStart(2, '0')}_PORTAL_VENOUS`;
}

/**
 * The coagulation zone and its rim, painted after the anatomy: over parenchyma
 * and every lesion (coagulated tumour no longer shows), inside the liver only,
 * sparing the vessels (heat sink keeps them patent).
 */
export function ablationParts(zone: PostAblationSpec['zone']): Part[] {
  const T = TISSUE_ID;
  const lesions = Array.from({ length: MAX_LESIONS }, (_, n) => [LESION_BASE + n, NECROSIS_BASE + n]).flat();
  const ellipsoid = (grow: number): Shape => ({
    kind: 'ellipsoid',
    centre: zone.centreLps,
    radii: zone.radiiMm.map((r) => r + grow) as Vec3,
    yawDeg: zone.yawDeg,
  });
  const common = { onlyInLiver: true, liver: 'keep' } as const;
  return [
    { name: 'ablationRim', shape: ellipsoid(zone.rimMm), label: T.ablationRim, over: [T.liver, ...lesions], ...common },
    {
      name: 'ablationZone',
      shape: ellipsoid(0),
      label: T.ablationZone,
      over: [T.liver, T.ablationRim, ...lesions],
      ...common,
    },
  ];
}

/** Headers of the post-ablation series: its own study, series and frame of reference; the pre study's patient. */
export function postAblationSeriesContext(
  def: CaseDefinition,
  spec: PostAblationSpec,
  key: string,
  grid: Grid,
): SeriesContext {
  const phase = { ...CT_PHASES.portal_venous, seriesDescription: spec.seriesDescription };
  return {
    def,
    grid,
    spec: phase,
    studyInstanceUid: uidFromKey(`${key}:post:study`),
    seriesInstanceUid: uidFromKey(`${key}:post:series`),
    frameOfReferenceUid: uidFromKey(`${key}:post:frame-of-reference`),
    seriesNumber: spec.seriesNumber,
    studyDate: spec.study.date,
    studyTime: spec.study.time,
    seriesTime: addSeconds(spec.study.contrastStart, phase.delaySeconds ?? 0),
    contrastStartTime: spec.study.contrastStart,
    study: { description: spec.study.description, id: spec.study.id, accessionNumber: spec.study.accessionNumber },
  };
}

export interface PostAblationInput {
  def: CaseDefinition;
  spec: PostAblationSpec;
  /** Prefix of the case's UID and noise keys. */
  key: string;
  /** The pre study's grid, phantom, anatomy parts and truth mask of the ablated lesion. */
  grid: Grid;
  phantom: Phantom;
  anatomy: Part[];
  tumourMask: Uint8Array;
  folder: string;
  sink: FileSink;
  onSlice?: (k: number) => void;
}

/**
 * Writes the follow-up portal-venous CT a month after ablation, as its own
 * study and frame of reference, and returns its truth. The patient lies
 * differently: the anatomy is rasterised on the post grid carried into the
 * anatomy frame (moveGrid), while the headers carry the plain axial post grid,
 * so post voxel p shows the tissue at postToPre . p.
 */
export async function writePostAblationStudy(input: PostAblationInput): Promise<PostAblationTruth> {
  const { def, spec, key, grid } = input;
  if (def.modality !== 'CT') throw new Error('post-ablation studies are CT only');
  const postToPre = rigidMatrix(spec.postToPre.rotationDeg, spec.postToPre.translationMm);
  const preToPost = invertRigid(postToPre);
  const postGrid: Grid = structuredClone(grid); // same scanner set-up as the pre CT
  const zoneParts = ablationParts(spec.zone);
  const phantom = rasterise(moveGrid(postGrid, postToPre), [...input.anatomy, ...zoneParts]);
  const ctx = postAblationSeriesContext(def, spec, key, postGrid);
  const signal = synthesisePhase(phantom, ctx.spec, {
    blurSigmaMm: [0.8, 0.8, 1.0],
    seed: `${key}:post:noise`,
    min: -1024,
    max: 3071,
  });
  await writeSeries(ctx, signal, input.folder, (k) => uidFromKey(`${key}:post:image:${k}`), input.sink, input.onSlice);

  // Truth on the pre grid: the zone painted onto the pre phantom, as the confirmation workflow compares.
  const onPre = rasterise(grid, zoneParts, input.phantom).labels;
  const zoneMask = new Uint8Array(onPre.length);
  for (let v = 0; v < onPre.length; v++) zoneMask[v] = onPre[v] === TISSUE_ID.ablationZone ? 1 : 0;
  const m = computeMargin(input.tumourMask, zoneMask, grid, { liver: input.phantom.liver });
  const ml = (labels: Uint8Array, g: Grid) => {
    let n = 0;
    for (let v = 0; v < labels.length; v++) if (labels[v] === TISSUE_ID.ablationZone) n++;
    return round((n * voxelVolumeMm3(g)) / 1000, 3);
  };
  const toPost = (p: Vec3) => applyTransform(preToPost, p).map((v) => round(v, 3)) as Vec3;
  return {
    studyInstanceUid: ctx.studyInstanceUid,
    seriesInstanceUid: ctx.seriesInstanceUid,
    frameOfReferenceUid: ctx.frameOfReferenceUid,
    seriesNumber: spec.seriesNumber,
    seriesDescription: spec.seriesDescription,
    studyDate: spec.study.date,
    folder: input.folder,
    grid: postGrid,
    postToPreMatrix: postToPre,
    zone: {
      lesionId: spec.lesionId,
      centreLps: spec.zone.centreLps,
      centrePostLps: toPost(spec.zone.centreLps),
      radiiMm: spec.zone.radiiMm,
      yawDeg: spec.zone.yawDeg,
      rimMm: spec.zone.rimMm,
      volumeMlPost: ml(phantom.labels, postGrid),
      volumeMlPre: ml(onPre, grid),
    },
    landmarks: anatomicalLandmarks(def.liverScale).map((l) => ({
      name: l.name,
      preLps: l.lps,
      postLps: toPost(l.lps),
    })),
    expectedMargin: {
      mamMm: round(m.mamMm, 2),
      q25Mm: round(m.q25Mm, 2),
      medianMm: round(m.medianMm, 2),
      percentBelow0: round(m.percentBelow0, 2),
      percentBelow5: round(m.percentBelow5, 2),
      coveragePercent: round(m.coveragePercent, 2),
      excludedSubcapsularPercent: round(m.excludedSubcapsularPercent, 2),
      targetMm: m.targetMm,
      subcapsularMm: m.subcapsularMm,
    },
  };
}
