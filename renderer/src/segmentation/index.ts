// Public surface of the Segment feature for other features (eslint: no reaching into its files).
export { currentSession, referenceSeries, sessionGrid, voxelAt } from './caseSession';
export { asOneUndoStep } from './labelmapSession';
export { scheduleStatistics } from './liveStatistics';
export { gridOfVolume, scalarOfVolume } from './volumeGrid';
