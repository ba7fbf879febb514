import { Enums, getRenderingEngine, imageLoadPoolManager } from '@cornerstonejs/core';
import { reportError } from '../store/appStore';
import type { ViewerSeries } from '../store/studyStore';
import { decodedVolumePlan } from '../../../shared/dicom/decodedVolumePlan';
import { loadDecodedVolume } from './loadDecodedVolume';
import { volumeIdFor, type LoadProgress } from './loadSeriesVolume';
import { loadRegularVolume, regularVolumeIdFor, unloadRegularVolume } from './loadRegularVolume';
import { forgetSeriesWindow } from './seriesWindow';
import { emitViewerEvent } from './viewerEvents';
import { useViewerStore } from './viewerStore';

let current: { key: string; uids: string[]; abort: AbortController } | null = null;
let firstImageMarked = false;
/** The image pool's usual number of slices in flight while openingSliceAlone holds it at one. */
let throttled: { usual: number } | null = null;

const OPEN_MARK = 'liverplan-viewer-open';
/**
 * performance.measure name from opening a study to the first render, on a viewport showing it, of
 * a series with a decoded slice: the first picture of the patient (bench and e2e read it).
 */
export const FIRST_IMAGE_MEASURE = 'liverplan-viewer-first-image';

/**
 * Called when a viewport shows a volume: marks the first image at the first render of a viewport
 * showing this series once a slice of it is decoded (that render uploads the slice and draws it).
 */
export function noteVolumeShown(seriesUid: string): void {
  if (firstImageMarked) return;
  const study = current;
  const decoded = () => {
    const p = useViewerStore.getState().progress[seriesUid];
    return !!p && (p.stage === 'done' || (p.stage === 'pixels' && p.done > 0));
  };
  const onRendered = (evt: Event) => {
    if (firstImageMarked || current !== study) return stop();
    if (!decoded()) return;
    const d = (evt as CustomEvent<{ viewportId?: string; renderingEngineId?: string } | null>).detail;
    const volumeId = useViewerStore.getState().volumes[seriesUid];
    const vp =
      d?.renderingEngineId && d.viewportId ? getRenderingEngine(d.renderingEngineId)?.getViewport(d.viewportId) : null;
    if (!volumeId || !(vp as { hasVolumeId?(id: string): boolean } | null)?.hasVolumeId?.(volumeId)) return;
    stop();
    firstImageMarked = true;
    performance.measure(FIRST_IMAGE_MEASURE, OPEN_MARK);
  };
  const stop = () => document.removeEventListener(Enums.Events.IMAGE_RENDERED, onRendered, true);
  // Cornerstone dispatches it on the viewport's element; a capture listener sees every viewport's.
  document.addEventListener(Enums.Events.IMAGE_RENDERED, onRendered, true);
}

/** Longest wait for the first phase's opening slice before the other phases start loading anyway. */
const FIRST_SLICE_WAIT_MS = 4000;

/**
 * Resolves once a series has a decoded slice and the frame that draws it has run (or the load
 * failed, was cancelled, or FIRST_SLICE_WAIT_MS passed: the other phases never wait on a stall).
 * Cornerstone schedules the render of a newly decoded slice for the next animation frame before
 * the progress reaches the store, so a frame requested here runs after it.
 */
function firstSliceOf(seriesUid: string, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const settled = () => {
      const p = useViewerStore.getState().progress[seriesUid];
      return !!p && (p.stage === 'done' || p.stage === 'error' || (p.stage === 'pixels' && p.done > 0));
    };
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      off();
      clearTimeout(timer);
      signal.removeEventListener('abort', finish);
      requestAnimationFrame(() => setTimeout(resolve, 0));
    };
    const off = useViewerStore.subscribe(() => {
      if (settled()) finish();
    });
    const timer = setTimeout(finish, FIRST_SLICE_WAIT_MS);
    signal.addEventListener('abort', finish);
    if (settled()) finish();
  });
}

/**
 * Makes sure the volumes of the shown series exist, loading them one phase
 * after the other in hanging order, so the first phase is on screen as soon
 * as its own headers are read; the other phases start once its opening slice
 * is drawn. Idempotent for the same series list (switching
 * workspaces does not reload); a new list cancels the old load and frees the
 * volumes no longer shown.
 */
export function loadStudyVolumes(series: ViewerSeries[]): void {
  const uids = series.map((s) => s.seriesInstanceUid);
  const key = uids.join('|');
  if (current?.key === key) return;
  if (current) {
    current.abort.abort();
    for (const uid of current.uids) {
      if (uids.includes(uid)) continue;
      unloadRegularVolume(uid);
      forgetSeriesWindow(volumeIdFor(uid));
      forgetSeriesWindow(regularVolumeIdFor(uid));
    }
  }
  const abort = new AbortController();
  current = { key, uids, abort };
  firstImageMarked = false;
  performance.clearMarks(OPEN_MARK);
  performance.mark(OPEN_MARK);
  const store = useViewerStore.getState();
  store.reset();
  const throttle = openingSliceAlone();
  void (async () => {
    try {
      await loadInOrder();
    } finally {
      throttle.release();
    }
  })();
  async function loadInOrder(): Promise<void> {
    for (const [index, s] of series.entries()) {
      if (abort.signal.aborted) return;
      const uid = s.seriesInstanceUid;
      // 'volume-loaded' follows 'volume-ready' even when the pixels were already all there.
      let created = false;
      let loaded = false;
      const firstSlice = index === 0 ? firstSliceOf(uid, abort.signal) : null;
      let volumeId = volumeIdFor(uid); // a tilted or unevenly spaced series is shown on its regular grid
      const announceLoaded = () => {
        if (created && loaded) emitViewerEvent('volume-loaded', { seriesUid: uid, volumeId });
      };
      const onProgress = (p: LoadProgress) => {
        if (abort.signal.aborted) return;
        useViewerStore.getState().setProgress(uid, p);
        if (p.stage !== 'done' || loaded) return;
        loaded = true;
        announceLoaded();
      };
      const failed = (e: unknown) => {
        if (abort.signal.aborted) return;
        const message = e instanceof Error ? e.message : String(e);
        useViewerStore.getState().setProgress(uid, { stage: 'error', done: 0, total: s.fileIds.length, message });
        reportError(`Loading series ${s.seriesNumber} (${s.description || s.phase.label})`, e);
      };
      try {
        // A regular stack the scan described in full is decoded by the host and written straight
        // into the volume; anything else streams through Cornerstone's loader.
        const plan = decodedVolumePlan(s.openInfo, s.fileIds.length);
        const volume =
          plan && s.openInfo
            ? await loadDecodedVolume(
                regularVolumeIdFor(uid),
                { ...s, openInfo: s.openInfo },
                plan,
                onProgress,
                failed,
                abort.signal,
              )
            : await loadRegularVolume(s, onProgress, abort.signal);
        if (abort.signal.aborted) continue;
        useViewerStore.getState().setVolume(uid, volume.volumeId);
        volumeId = volume.volumeId;
        created = true;
        emitViewerEvent('volume-ready', { seriesUid: uid, volumeId: volume.volumeId });
        announceLoaded();
        // The next phases start once the first one's opening slice is on screen: creating and
        // showing a volume blocks the page for a few hundred ms each in software WebGL, and the
        // slice the user waits for is decoded and drawn on that same thread.
        if (firstSlice) await firstSlice;
        if (index === 0) throttle.release();
      } catch (e) {
        if (index === 0) throttle.release();
        failed(e);
        if (abort.signal.aborted) return;
      }
    }
  }
}

/**
 * Until the opening slice of the first phase is drawn, the image pool loads one slice at a time:
 * that slice (the middle one, loadSeriesVolume queues it first) is then fetched, parsed and
 * decoded alone instead of beside seven others whose parsing, copying to the decoder and
 * bookkeeping filled the page's thread and held back the frame that draws it. release() (once;
 * also on failure or cancel) restores the pool's usual number, which the next finished request
 * picks up.
 */
function openingSliceAlone(): { release(): void } {
  const type = Enums.RequestType.Prefetch;
  // A study opened while the previous one still waited for its opening slice takes the throttle
  // over: the usual number is the one from before the first, and only the newest may restore it.
  const usual = throttled?.usual ?? imageLoadPoolManager.getMaxSimultaneousRequests(type);
  const mine = { usual };
  throttled = mine;
  imageLoadPoolManager.setMaxSimultaneousRequests(type, 1);
  return {
    release() {
      if (throttled !== mine) return;
      throttled = null;
      imageLoadPoolManager.setMaxSimultaneousRequests(type, usual);
    },
  };
}
