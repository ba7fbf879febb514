import { cache, Enums, eventTarget, triggerEvent, utilities, type Types } from '@cornerstonejs/core';
import type { DecodedVolumePlan } from '../../../shared/dicom/decodedVolumePlan';
import type { ViewerSeries } from '../store/studyStore';
import type { LoadProgress } from './loadSeriesVolume';
import { fetchSlices, warmSliceFetcher } from './fetchSlices';
import { SAMPLE_ARRAYS } from './sliceSamples';
import { addLocalSlice, createLocalSeriesVolume } from './localVolumeSlices';
import { middleOutOrder } from './middleOutOrder';

type Series = Pick<ViewerSeries, 'seriesInstanceUid' | 'frameOfReferenceUid' | 'fileIds'> & {
  openInfo: NonNullable<ViewerSeries['openInfo']>;
};

/**
 * Slices per request after the opening one (the most the host takes). Each request costs a round
 * trip and a render's worth of bookkeeping; 64 planes of 512x512 int16 are 32 MB. Measured on
 * three phases of 300: 18 s at 32 per request, 14-17 s at 64.
 */
const CHUNK = 64;
/** Requests in flight per series: one being decoded by the host while the page takes in the last. */
const IN_FLIGHT = 2;
/** Renders of a loading volume's viewports besides its opening slice and its last. */
const RENDERS_WHILE_LOADING = 10;

/** The slices of each loading (or cancelled) volume not yet in: a load resumed fetches only these. */
const pending = new WeakMap<Types.IImageVolume, Set<number>>();

interface LoadStatus {
  loaded: boolean;
  loading: boolean;
  cancelled: boolean;
  callbacks: unknown[];
}

/**
 * Shows a series whose files the host decodes (decodedVolumePlan): the volume is created at once on
 * the stack's grid, and its slices come from /slices/ in the type the plan chose, middle slice
 * first, fetched by a worker; each reply's planes become the volume's cached slices as they are
 * (addLocalSlice). Nothing is parsed or decoded in the page and nothing is held twice. Resolves once the volume holds its opening slice (a
 * viewport given it then draws a picture at its first render, not an empty frame that makes the
 * first picture wait for the next); the other slices then arrive and the viewports showing it
 * re-render as they do. A failure after that is passed to `onFailed`.
 */
export async function loadDecodedVolume(
  volumeId: string,
  series: Series,
  plan: DecodedVolumePlan,
  onProgress: (p: LoadProgress) => void,
  onFailed: (e: unknown) => void,
  signal: AbortSignal,
): Promise<Types.IImageVolume> {
  const { stack, type } = plan;
  const grid = stack.grid;
  const total = grid.dims[2];
  const plane = grid.dims[0] * grid.dims[1];
  let volume = cache.getVolume(volumeId);
  if (!volume) volume = create(volumeId, series, plan);
  const status = (volume as unknown as { loadStatus: LoadStatus }).loadStatus;
  const left = pending.get(volume);
  if (!left) {
    onProgress({ stage: 'done', done: total, total });
    return volume;
  }
  status.loading = true;
  status.cancelled = false;
  const texture = (volume as unknown as { vtkOpenGLTexture: { setUpdatedFrame(k: number): void } }).vtkOpenGLTexture;
  const todo = middleOutOrder(total).filter((k) => left.has(k));
  const chunks = todo.length ? [todo.slice(0, 1)] : [];
  for (let i = 1; i < todo.length; i += CHUNK) chunks.push(todo.slice(i, i + CHUNK));
  const renderStep = Math.max(1, Math.ceil(total / RENDERS_WHILE_LOADING));
  let rendered = -1;
  const done = () => total - left.size;
  onProgress({ stage: 'pixels', done: done(), total });

  warmSliceFetcher();
  const take = async (ks: number[], onPage = false) => {
    const ids = ks.map((k) => series.fileIds[stack.order[k]!]!);
    const { buffer, ranges } = await fetchSlices(`/slices/${ids.join(',')}?as=${type}`, type, plane, signal, onPage);
    signal.throwIfAborted();
    const got = new SAMPLE_ARRAYS[type](buffer);
    if (got.length !== ks.length * plane)
      throw new Error(`the host sent ${got.length} samples for ${ks.length} slices of ${plane}`);
    ks.forEach((k, j) => {
      addLocalSlice(volume, k, got.subarray(j * plane, (j + 1) * plane), ranges.subarray(2 * j, 2 * j + 2));
      left.delete(k);
      texture.setUpdatedFrame(k);
    });
    const n = done();
    if (n === ks.length) performance.mark(`liverplan-first-slice-${series.seriesInstanceUid}`);
    triggerEvent(eventTarget, Enums.Events.IMAGE_VOLUME_MODIFIED, {
      volumeId,
      FrameOfReferenceUID: series.frameOfReferenceUid,
      numberOfFrames: total,
      framesProcessed: n,
    });
    if (n === total) return;
    // Each render uploads the slices that came in since the last one and redraws the views.
    const step = Math.floor(n / renderStep);
    if (rendered < 0 || step !== rendered) {
      rendered = step;
      utilities.autoLoad(volumeId);
    }
    onProgress({ stage: 'pixels', done: n, total });
  };

  let next = 0;
  // The opening slice comes alone, fetched on this thread (no wait for the worker to start).
  if (chunks.length) {
    try {
      await take(chunks[next++]!, true);
    } catch (e) {
      Object.assign(status, { loading: false, cancelled: signal.aborted });
      throw e;
    }
  }
  const worker = async () => {
    while (next < chunks.length) await take(chunks[next++]!);
  };
  void (async () => {
    // The others come in once the opening slice is drawn: a render uploads every slice in since
    // the last, and in software WebGL each costs about 10 ms.
    await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, chunks.length - next) }, worker));
  })().then(
    () => {
      pending.delete(volume);
      Object.assign(status, { loaded: true, loading: false });
      performance.mark(`liverplan-loaded-${series.seriesInstanceUid}`);
      triggerEvent(eventTarget, Enums.Events.IMAGE_VOLUME_LOADING_COMPLETED, {
        volumeId,
        FrameOfReferenceUID: series.frameOfReferenceUid,
      });
      utilities.autoLoad(volumeId);
      onProgress({ stage: 'done', done: total, total });
    },
    (e: unknown) => {
      Object.assign(status, { loading: false, cancelled: signal.aborted });
      if (!signal.aborted) onFailed(e);
    },
  );
  return volume;
}

/** The empty volume of a plan, its slices described, every slice still to come. */
function create(volumeId: string, series: Series, plan: DecodedVolumePlan): Types.IImageVolume {
  const info = series.openInfo;
  const grid = plan.stack.grid;
  const bits = plan.type === 'float32' ? 32 : 16;
  const window = info.window ?? null;
  const volume = createLocalSeriesVolume(
    volumeId,
    grid,
    SAMPLE_ARRAYS[plan.type].name as Types.PixelDataTypedArrayString,
    {
      seriesInstanceUid: series.seriesInstanceUid,
      frameOfReferenceUID: series.frameOfReferenceUid,
      modality: info.modality,
      voi: window ? { windowCenter: [window[0]], windowWidth: [window[1]] } : undefined,
    },
    {
      BitsAllocated: bits,
      BitsStored: bits,
      HighBit: bits - 1,
      SamplesPerPixel: 1,
      PhotometricInterpretation: 'MONOCHROME2',
      PixelRepresentation: plan.type === 'uint16' ? 0 : 1,
      Modality: info.modality,
      SeriesInstanceUID: series.seriesInstanceUid,
      FrameOfReferenceUID: series.frameOfReferenceUid,
      ImageOrientationPatient: [...grid.direction.slice(0, 6)],
      PixelSpacing: [grid.spacing[1], grid.spacing[0]],
      Columns: grid.dims[0],
      Rows: grid.dims[1],
      voiLut: window ? [{ windowCenter: window[0], windowWidth: window[1] }] : [],
      VOILUTFunction: 'LINEAR',
    },
  );
  Object.assign(volume, { loadStatus: { loaded: false, loading: false, cancelled: false, callbacks: [] } });
  pending.set(volume, new Set(Array.from({ length: grid.dims[2] }, (_, k) => k)));
  return volume;
}
