import { cache, type Types } from '@cornerstonejs/core';
import { patientToIndex, type Grid, type Vec3 } from '../../../shared/volume/grid';
import { currentCase } from '../case/caseSession';
import { useStudyStore, type ViewerSeries } from '../store/studyStore';
import { orthoViewportsOfFrame } from '../viewer/viewerEngine';
import { useViewerStore } from '../viewer/viewerStore';
import type { LabelmapSession } from './labelmapSession';
import { gridOfVolume } from './volumeGrid';

/** The labelmap of the open case, or null before its reference volume exists. */
export function currentSession(): LabelmapSession | null {
  return currentCase().labelmap;
}

/**
 * The series the labelmap lives in: the portal venous phase (the one liver
 * volumetry is read on), else the first in hanging order.
 */
export function referenceSeries(series: ViewerSeries[]): ViewerSeries | undefined {
  return series.find((s) => s.phase.label === 'portal_venous') ?? series[0];
}

export interface LoadedPhase {
  name: string;
  series: ViewerSeries;
  volume: Types.IImageVolume;
}

/** Phases whose pixels have all arrived, in hanging order. */
export function loadedPhases(): LoadedPhase[] {
  const { volumes, progress } = useViewerStore.getState();
  return useStudyStore.getState().viewerSeries.flatMap((s) => {
    const id = volumes[s.seriesInstanceUid];
    const volume = id ? cache.getVolume(id) : undefined;
    return volume && progress[s.seriesInstanceUid]?.stage === 'done'
      ? [{ name: s.phase.label, series: s, volume }]
      : [];
  });
}

/**
 * Shows the labelmap on every orthographic viewport that displays a volume
 * of its frame of reference: one labelmap over every phase. Cornerstone
 * places it by patient coordinates, so phases on other grids line up.
 */
export function attachToViewports(): string[] {
  const s = currentSession();
  if (!s) return [];
  const ids = orthoViewportsOfFrame(s.referenceVolumeId).map((vp) => vp.id);
  return s.attach(ids);
}

/** Flat voxel index of a patient point in the labelmap grid, or null outside it. */
export function voxelAt(grid: Grid, world: Vec3): number | null {
  const [i, j, k] = patientToIndex(grid, world).map(Math.round) as Vec3;
  const [nx, ny, nz] = grid.dims;
  if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) return null;
  return i + j * nx + k * nx * ny;
}

/** Frame of reference and series of the labelmap's reference volume (what imports must match, exports name). */
export function referenceIds(): { frameOfReferenceUid?: string; referenceSeriesUid?: string } {
  const session = currentSession();
  const volume = session && cache.getVolume(session.referenceVolumeId);
  const frame = volume?.metadata?.FrameOfReferenceUID;
  const series = referenceSeries(currentCase().series)?.seriesInstanceUid;
  return {
    ...(typeof frame === 'string' && frame ? { frameOfReferenceUid: frame } : {}),
    ...(series ? { referenceSeriesUid: series } : {}),
  };
}

export function sessionGrid(): Grid | null {
  const session = currentSession();
  return session ? gridOfVolume(session.volume) : null;
}
