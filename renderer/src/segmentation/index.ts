// Public surface of the Segment feature for other features (eslint: no reaching into its files).
export { currentSession, referenceSeries, sessionGrid, voxelAt } from './caseSession';
export { asOneUndoStep, canUndo, pushUndoable, redoEdit, undoEdit } from './labelmapSession';
export { useUndoKeys } from './useUndoKeys';
export { scheduleStatistics } from './liveStatistics';
export { gridOfVolume, scalarOfVolume } from './volumeGrid';
