import { cache, Enums, eventTarget, utilities, volumeLoader, type Types } from '@cornerstonejs/core';
import { Enums as MetadataEnums, metaData, utilities as metadataUtils } from '@cornerstonejs/metadata';
import type { ViewerSeries } from '../store/studyStore';
import { middleOutOrder } from './middleOutOrder';
import { forgetOpenInfo, provideOpenInfo } from './openInfoMetadata';

export interface LoadProgress {
  stage: 'headers' | 'pixels' | 'done' | 'error';
  done: number;
  total: number;
  message?: string;
}

/**
 * Requests in flight for /files/<id>. Chromium runs 6 per origin at a time;
 * a few more queued hide the per-request latency (measured: 40 files 0.84 s
 * at 6, 0.53 s at 16 in the preview host), parsing costs ~3 ms per file.
 */
const FETCH_CONCURRENCY = 12;

/** Volumes whose request list loadMiddleOut has already reordered. */
const reordered = new WeakSet<Types.IImageVolume>();

/** imageIds registered per series, so their parsed instances (pixels included) can be dropped with the volume. */
const registered = new Map<string, string[]>();

export const volumeIdFor = (seriesInstanceUid: string) =>
  `cornerstoneStreamingImageVolume:liverplan-${seriesInstanceUid}`;

/**
 * imageIds name the same-origin /files/<id> URL under the loader's 'dicomweb' scheme, the alias
 * of 'wadouri' (same loader, same xhr fetch): the streaming volume loader fetches and decodes the
 * first, middle and last file of a 'wadouri' series before it even creates the volume, uncached,
 * so they were decoded twice and the first image waited for three round trips. The v5 loader
 * takes pixels from the naturalized Part 10 we register here, so each file is fetched once and no
 * extra Blob copy is kept (fileManager would hold one).
 */
export const imageIdFor = (fileId: string) => `dicomweb:/files/${fileId}`;

async function registerHeaders(fileIds: string[], signal: AbortSignal, onFile: () => void): Promise<string[]> {
  const imageIds = fileIds.map(imageIdFor);
  let next = 0;
  const worker = async () => {
    while (next < fileIds.length) {
      if (signal.aborted) throw new DOMException('Loading cancelled', 'AbortError');
      const n = next++;
      const res = await fetch(`/files/${fileIds[n]}`, { signal });
      if (!res.ok)
        throw new Error(`image ${n + 1} of ${fileIds.length} could not be read (${res.status} ${await res.text()})`);
      await metadataUtils.addDicomPart10Instance(imageIds[n]!, await res.arrayBuffer());
      onFile();
    }
  };
  await Promise.all(Array.from({ length: Math.min(FETCH_CONCURRENCY, fileIds.length) }, worker));
  return imageIds;
}

/**
 * Builds a streaming Cornerstone volume for one series and starts decoding it.
 * Resolves once the volume exists (slices then arrive progressively and the
 * viewports re-render as they do); onProgress reports headers, then pixels.
 */
export async function loadSeriesVolume(
  series: Pick<ViewerSeries, 'seriesInstanceUid' | 'frameOfReferenceUid' | 'fileIds' | 'openInfo'>,
  onProgress: (p: LoadProgress) => void,
  signal: AbortSignal,
): Promise<Types.IImageVolume> {
  const { seriesInstanceUid, fileIds, openInfo } = series;
  const volumeId = volumeIdFor(seriesInstanceUid);
  let volume = cache.getVolume(volumeId);
  if (!volume && openInfo && openInfo.positions.length === fileIds.length) {
    // The scan already read every header: place the planes from it and let the loader fetch
    // each file once, for its pixels, in the order it chooses (middle slice first).
    const imageIds = fileIds.map(imageIdFor);
    provideOpenInfo(imageIds, openInfo, series);
    registered.set(seriesInstanceUid, imageIds);
    volume = await volumeLoader.createAndCacheVolume(volumeId, { imageIds });
    performance.mark(`liverplan-volume-${seriesInstanceUid}`);
  } else if (!volume) {
    let headers = 0;
    onProgress({ stage: 'headers', done: 0, total: fileIds.length });
    const imageIds = await registerHeaders(fileIds, signal, () => {
      headers++;
      if (headers % 8 === 0 || headers === fileIds.length)
        onProgress({ stage: 'headers', done: headers, total: fileIds.length });
    });
    registered.set(seriesInstanceUid, imageIds);
    performance.mark(`liverplan-headers-${seriesInstanceUid}`);
    volume = await volumeLoader.createAndCacheVolume(volumeId, { imageIds });
    performance.mark(`liverplan-volume-${seriesInstanceUid}`);
  }
  // A load cancelled by an earlier series list resumes here; a finished one is done.
  if ((volume as unknown as { loadStatus?: { loaded?: boolean } }).loadStatus?.loaded) {
    onProgress({ stage: 'done', done: fileIds.length, total: fileIds.length });
    return volume;
  }
  const onModified = (evt: Event) => {
    const d = (evt as CustomEvent<{ volumeId: string; framesProcessed: number; numberOfFrames: number }>).detail;
    if (d.volumeId !== volumeId) return;
    const complete = d.framesProcessed >= d.numberOfFrames;
    if (d.framesProcessed === 1) performance.mark(`liverplan-first-slice-${seriesInstanceUid}`);
    if (complete) performance.mark(`liverplan-loaded-${seriesInstanceUid}`);
    if (rendersAt(d.framesProcessed, d.numberOfFrames)) utilities.autoLoad(volumeId);
    // About 20 updates per phase: each one repaints the progress bar (animated for 0.2 s), which in
    // software compositing cost the GPU process more than decoding the slices did.
    const step = Math.max(1, Math.floor(d.numberOfFrames / PROGRESS_UPDATES));
    if (!complete && d.framesProcessed !== 1 && d.framesProcessed % step !== 0) return;
    onProgress({ stage: complete ? 'done' : 'pixels', done: d.framesProcessed, total: d.numberOfFrames });
    if (!complete) return;
    eventTarget.removeEventListener(Enums.Events.IMAGE_VOLUME_MODIFIED, onModified);
    stopReleasing();
    // Every voxel now lives in the volume; with the planes answered from the scan, the parsed
    // files (pixel data included, as large as the volume itself) are no longer needed.
    if (openInfo) dropParsedFiles(seriesInstanceUid);
  };
  eventTarget.addEventListener(Enums.Events.IMAGE_VOLUME_MODIFIED, onModified);
  const stopReleasing = openInfo ? releaseDecodedFiles(volume.imageIds) : () => undefined;
  signal.addEventListener('abort', () => {
    eventTarget.removeEventListener(Enums.Events.IMAGE_VOLUME_MODIFIED, onModified);
    stopReleasing();
    (volume as unknown as { cancelLoading?: () => void }).cancelLoading?.();
  });
  onProgress({ stage: 'pixels', done: 0, total: fileIds.length });
  loadMiddleOut(volume);
  // The volume's own cadence (a render of its viewports every 2 % of slices, the first after 7) is
  // replaced by rendersAt(), called from onModified above.
  (volume as unknown as { autoRenderOnLoad: boolean }).autoRenderOnLoad = false;
  volume.load(() => undefined);
  return volume;
}

/** Progress reports per loading volume, besides its first slice and its last. */
const PROGRESS_UPDATES = 20;

/** Renders of a loading volume's viewports, besides those of its first slices and its last. */
const RENDERS_WHILE_LOADING = 10;
/** Slices loaded middle-out: the first few include the one a slice viewport opens on. */
const FIRST_SLICES_RENDERED = 3;

/**
 * Whether the viewports of a loading volume re-render once `loaded` of its `total` slices are in.
 * Each render uploads the slices that came in since the last one and redraws the views; in
 * software WebGL a redraw costs more than decoding a slice, and slices loaded middle-out change an
 * opening slice view only at the start, so: the first few (the slice on screen appears at once),
 * then every tenth of the stack (coronal and sagittal views fill in), and the last.
 */
function rendersAt(loaded: number, total: number): boolean {
  if (loaded <= FIRST_SLICES_RENDERED || loaded >= total) return true;
  return loaded % Math.max(1, Math.ceil(total / RENDERS_WHILE_LOADING)) === 0;
}

/**
 * Cornerstone queues a volume's slices last to first; the viewports open on the middle slice, so
 * with a bounded number of requests in flight the slice on screen came in halfway through. The
 * volume's own request list is reordered, middle first (its loadImages() queues the list reversed).
 */
function loadMiddleOut(volume: Types.IImageVolume): void {
  const v = volume as unknown as { getImageLoadRequests?: (priority: number) => unknown[] };
  const original = v.getImageLoadRequests?.bind(volume);
  // A load resumed after a cancel reaches here again: reorder once.
  if (!original || reordered.has(volume)) return;
  reordered.add(volume);
  v.getImageLoadRequests = (priority) => {
    const requests = original(priority);
    return middleOutOrder(requests.length)
      .map((i) => requests[i])
      .reverse();
  };
}

/**
 * With the planes answered from the scan, a file's parsed instance is only needed until its slice
 * is decoded: from then on the decoded slice in the image cache is the one copy of its voxels.
 * The loader keeps the instance twice (metadata cache and the cached image's `data`), pixel data
 * included, which doubled the renderer's memory while a study streamed in; both go as each slice
 * lands. Returns the function that stops listening.
 */
function releaseDecodedFiles(imageIds: string[]): () => void {
  const ids = new Set(imageIds);
  const onAdded = (evt: Event) => {
    const cached = (evt as CustomEvent<{ image?: { imageId?: string; image?: { data?: unknown } } }>).detail.image;
    if (!cached?.imageId || !ids.has(cached.imageId)) return;
    metaData.clearQuery(MetadataEnums.MetadataModules.NATURALIZED, cached.imageId);
    if (cached.image) cached.image.data = undefined;
  };
  eventTarget.addEventListener(Enums.Events.IMAGE_CACHE_IMAGE_ADDED, onAdded);
  return () => eventTarget.removeEventListener(Enums.Events.IMAGE_CACHE_IMAGE_ADDED, onAdded);
}

/**
 * Frees a series when the viewer stops showing it: the volume, its decoded slices (removing a
 * streaming volume from Cornerstone's cache leaves its images in the image cache), its texture,
 * and the parsed Part 10 instances the metadata cache would otherwise keep for the session.
 */
export function unloadSeriesVolume(seriesInstanceUid: string): void {
  const volumeId = volumeIdFor(seriesInstanceUid);
  const volume = cache.getVolume(volumeId);
  if (volume) {
    const imageIds = [...volume.imageIds];
    cache.removeVolumeLoadObject(volumeId);
    for (const id of imageIds) if (cache.getImageLoadObject(id)) cache.removeImageLoadObject(id, { force: true });
    releaseVolumeTexture(volume);
  }
  dropParsedFiles(seriesInstanceUid);
  forgetOpenInfo(registered.get(seriesInstanceUid) ?? []);
  registered.delete(seriesInstanceUid);
}

/**
 * ImageVolume.destroy() calls the texture's releaseGraphicsResources() without the render window,
 * which vtk.js treats as a no-op, so the GL texture (the voxels again, as float32 where 16-bit
 * textures are missing) would stay until its context dies. Release it through the window it was
 * created in.
 */
export function releaseVolumeTexture(volume: Types.IImageVolume): void {
  const texture = (volume as unknown as { vtkOpenGLTexture?: VtkTexture }).vtkOpenGLTexture;
  const window = texture?.get('_openGLRenderWindow')._openGLRenderWindow;
  if (window) texture!.releaseGraphicsResources(window);
}

interface VtkTexture {
  get(key: '_openGLRenderWindow'): { _openGLRenderWindow?: unknown };
  releaseGraphicsResources(window?: unknown): void;
}

function dropParsedFiles(seriesInstanceUid: string): void {
  for (const id of registered.get(seriesInstanceUid) ?? [])
    metaData.clearQuery(MetadataEnums.MetadataModules.NATURALIZED, id);
}
