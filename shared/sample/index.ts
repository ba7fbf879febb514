/**
 * Synthetic sample cases with ground truth (issue 4).
 *
 * - `listSampleCases()`: name, title, description, difficulty, modality, phases of each case.
 * - `generateCase(name, { size?: 'normal' | 'bench', phases?, signal?, onProgress? })`
 *     -> Promise<{ files: Map<relativePath, bytes>, truth: CaseTruth }>; byte-identical each run.
 * - `generateCaseTo(name, sink, options)`: the same, streaming each file to `sink(path, bytes)`
 *     (use it for 'bench' size: 512x512x300 per phase).
 * - Layout inside a case folder: CASE_LAYOUT (dicom/Snn_PHASE/IMnnnn.dcm, truth/seg.dcm, truth/truth.json).
 * - Cases with `postAblation` (solitary-ablation) also get a follow-up study a month after ablation,
 *     dicom/POST_Snn_PORTAL_VENOUS/: own study and frame of reference, the patient moved by a known rigid
 *     transform, the lesion replaced by a non-enhancing zone; truth.postAblation holds the transform,
 *     zone, clickable landmarks (pre/post LPS) and the expected margin (normal size only).
 * - `caseGrid(modality, size)`: the acquisition grid; `uidFromKey(key)`: deterministic 2.25 UIDs.
 * - Building blocks for other phantoms: buildAnatomy + rasterise (any grid), synthesisePhase,
 *     CT_PHASES / MR_PHASES enhancement tables.
 */
export { generateCase, generateCaseTo, listSampleCases, phaseSpec, CASE_LAYOUT } from './generateCase';
export type { FileSink } from './fileSink';
export type { GenerateOptions } from './generateCase';
export { SAMPLE_CASES, caseGrid, findCase } from './cases';
export type { CaseDefinition, CaseSize, PostAblationSpec } from './cases';
export type { CaseTruth, PostAblationTruth, TruthLesion, TruthSegment } from './truth';
export { ablationParts, postAblationFolder } from './postAblation';
export { anatomicalLandmarks } from './landmarks';
export type { AnatomicalLandmark } from './landmarks';
export { rigidMatrix, invertRigid } from './rigidMotion';
export { CT_PHASES, MR_PHASES, lesionContrastToNoise } from './enhancement';
export type { CtPhase, MrPhase, Phase, PhaseSpec, SignalTable } from './enhancement';
export { buildAnatomy, liverShape } from './anatomy';
export type { AnatomyOptions, LesionSpec, Part } from './anatomy';
export { rasterise } from './rasterise';
export { lesionProximities, PROXIMITY_REACH_MM, PROXIMITY_STRUCTURES } from './proximity';
export type { ProximityStructure } from './proximity';
export type { Phantom } from './rasterise';
export { synthesisePhase } from './synthesise';
export { createRng, uidFromKey, hashString32 } from './random';
export { TISSUES, TISSUE_ID, LESION_BASE, NECROSIS_BASE, lesionOfLabel } from './tissues';
