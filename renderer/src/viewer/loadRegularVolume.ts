import { cache, metaData, type Types } from '@cornerstonejs/core';
import { regularVolume, resamplingNeeded } from '../../../shared/dicom/regularVolume';
import { stackGeometry, type SlicePlane } from '../../../shared/dicom/stackGeometry';
import type { Vec3 } from '../../../shared/volume/grid';
import { createLocalSeriesVolume } from './localVolumeSlices';
import type { ViewerSeries } from '../store/studyStore';
import { loadSeriesVolume, releaseVolumeTexture, unloadSeriesVolume, type LoadProgress } from './loadSeriesVolume';

type Series = Parameters<typeof loadSeriesVolume>[0] & Pick<ViewerSeries, 'seriesInstanceUid'>;

/** The volume a tilted or unevenly spaced series is shown and measured on (a local Cornerstone volume). */
export const regularVolumeIdFor = (seriesInstanceUid: string) => `liverplan-regular-${seriesInstanceUid}`;

interface PlaneModule {
  imagePositionPatient?: number[];
  imageOrientationPatient?: number[];
  rowPixelSpacing?: number;
  columnPixelSpacing?: number;
  rows?: number;
  columns?: number;
  frameOfReferenceUID?: string;
}

/** The stored planes of a Cornerstone volume in its own slice order, or null where one lacks geometry. */
function planesOf(volume: Types.IImageVolume): SlicePlane[] | null {
  const planes: SlicePlane[] = [];
  for (const id of volume.imageIds ?? []) {
    const m = metaData.get('imagePlaneModule', id) as PlaneModule | undefined;
    const o = m?.imageOrientationPatient;
    if (!m?.imagePositionPatient || !o || o.length < 6 || !m.rowPixelSpacing || !m.columnPixelSpacing) return null;
    planes.push({
      position: [...m.imagePositionPatient] as Vec3,
      orientation: [o[0]!, o[1]!, o[2]!, o[3]!, o[4]!, o[5]!],
      pixelSpacing: [m.rowPixelSpacing, m.columnPixelSpacing],
      rows: m.rows ?? volume.dimensions[1],
      columns: m.columns ?? volume.dimensions[0],
    });
  }
  return planes.length > 1 ? planes : null;
}

/**
 * Loads a series for the viewer (loadSeriesVolume) and, when its stored slices are sheared by a
 * gantry tilt or unevenly spaced, puts them on the regular grid the CLI measures on
 * (shared/dicom/regularVolume) once every slice is in: the viewports, the labelmap and every
 * figure then live on that grid, so the app and `liverplan volumetry` count the same voxels.
 * Regular stacks stream as before. 'done' is reported once the shown volume is final.
 */
export async function loadRegularVolume(
  series: Series,
  onProgress: (p: LoadProgress) => void,
  signal: AbortSignal,
): Promise<Types.IImageVolume> {
  const uid = series.seriesInstanceUid;
  const total = series.fileIds.length;
  const ready = cache.getVolume(regularVolumeIdFor(uid));
  if (ready) {
    onProgress({ stage: 'done', done: total, total });
    return ready;
  }
  // 'done' of the stored slices is held until it is known whether they are the shown volume.
  const shown: { regular?: boolean; heldDone?: LoadProgress } = {};
  let storedIn!: () => void;
  const allStored = new Promise<void>((resolve) => (storedIn = resolve));
  const streamed = await loadSeriesVolume(
    series,
    (p) => {
      if (p.stage === 'done') storedIn();
      if (p.stage === 'done' && shown.regular === undefined) shown.heldDone = p;
      else if (p.stage !== 'done' || shown.regular) onProgress(p);
    },
    signal,
  );
  const planes = planesOf(streamed);
  const stack = planes && stackGeometry(planes);
  shown.regular = !stack || !resamplingNeeded(stack) || !stack.measurable;
  if (shown.regular) {
    if (shown.heldDone) onProgress(shown.heldDone);
    return streamed;
  }
  await Promise.race([
    allStored,
    new Promise<never>((_, reject) =>
      signal.addEventListener('abort', () => reject(new DOMException('Loading cancelled', 'AbortError')), {
        once: true,
      }),
    ),
  ]);
  signal.throwIfAborted();
  const vm = streamed.voxelManager as unknown as { getCompleteScalarDataArray(): ArrayLike<number> };
  const r = regularVolume(vm.getCompleteScalarDataArray(), planes!)!;
  const middle = streamed.imageIds[Math.floor(streamed.imageIds.length / 2)]!;
  const volume = createLocalSeriesVolume(
    regularVolumeIdFor(uid),
    r.volume.grid,
    r.volume.data as Float32Array,
    {
      seriesInstanceUid: uid,
      frameOfReferenceUID: (metaData.get('imagePlaneModule', middle) as PlaneModule | undefined)?.frameOfReferenceUID,
      modality: streamed.metadata.Modality,
      voi: metaData.get('voiLutModule', middle) as object | undefined,
    },
    { ...streamed.metadata },
  );
  // Every voxel is there: what reads loadStatus (opening window, loaders) treats it as loaded.
  Object.assign(volume, { loadStatus: { loaded: true, loading: false, cancelled: false, callbacks: [] } });
  unloadSeriesVolume(uid); // the stored stack is not shown: free it and its parsed files
  onProgress({ stage: 'done', done: total, total });
  return volume;
}

/** Frees a series' volumes: the stored stack and, where one was made, its regular grid (and its texture). */
export function unloadRegularVolume(seriesInstanceUid: string): void {
  unloadSeriesVolume(seriesInstanceUid);
  const id = regularVolumeIdFor(seriesInstanceUid);
  const volume = cache.getVolume(id);
  if (!volume) return;
  const slices = [...(volume.imageIds ?? [])];
  cache.removeVolumeLoadObject(id);
  for (const s of slices) if (cache.getImageLoadObject(s)) cache.removeImageLoadObject(s, { force: true });
  releaseVolumeTexture(volume);
}
