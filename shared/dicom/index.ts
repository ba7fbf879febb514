// Public surface of shared/dicom (pure: runs in the renderer, main process, CLI and workers).
export { buildStudyTree, type PlaneRef, type SeriesNode, type StudyNode, type StudyTree } from './buildStudyTree';
export { classifyPhases, type Phase, type PhaseInput } from './classifyPhases';
export type { DerivedKind } from './derivedKind';
export { derivedKindOf, type DerivedObject } from './derivedObject';
export { extractHeader, extractInstance, parseDicomTime } from './extractHeader';
export type { Finding, FindingCode } from './findings';
export type { FrameGeometry, InstanceHeader } from './instanceHeader';
export { PHASE_LABELS, type PhaseLabel } from './phaseLabels';
export { derivedSummary, seriesSummary, studySummary } from './seriesSummary';
export { stackGeometry, type SlicePlane, type StackGeometry } from './stackGeometry';
export { UnreadableError, type UnreadableFile } from './unreadable';
