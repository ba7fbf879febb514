import { reportError } from '../store/appStore';
import type { ViewerSeries } from '../store/studyStore';
import { volumeIdFor } from './loadSeriesVolume';
import { loadRegularVolume, regularVolumeIdFor, unloadRegularVolume } from './loadRegularVolume';
import { forgetSeriesWindow } from './seriesWindow';
import { emitViewerEvent } from './viewerEvents';
import { useViewerStore } from './viewerStore';

let current: { key: string; uids: string[]; abort: AbortController } | null = null;
let firstImageMarked = false;

const OPEN_MARK = 'liverplan-viewer-open';
/** performance.measure name from opening a study to its first decoded slice on a viewport (bench and e2e read it). */
export const FIRST_IMAGE_MEASURE = 'liverplan-viewer-first-image';

/** Called when a viewport shows a volume: marks the first image once its first slice is decoded. */
export function noteVolumeShown(seriesUid: string): void {
  if (firstImageMarked) return;
  const ready = () => {
    const p = useViewerStore.getState().progress[seriesUid];
    return !!p && (p.stage === 'done' || (p.stage === 'pixels' && p.done > 0));
  };
  const mark = () => {
    if (firstImageMarked) return;
    firstImageMarked = true;
    performance.measure(FIRST_IMAGE_MEASURE, OPEN_MARK);
  };
  if (ready()) return mark();
  const off = useViewerStore.subscribe(() => {
    if (!ready()) return;
    off();
    mark();
  });
}

/**
 * Makes sure the volumes of the shown series exist, loading them one phase
 * after the other in hanging order, so the first phase is on screen as soon
 * as its own headers are read. Idempotent for the same series list (switching
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
  void (async () => {
    for (const s of series) {
      if (abort.signal.aborted) return;
      const uid = s.seriesInstanceUid;
      // 'volume-loaded' follows 'volume-ready' even when the pixels were already all there.
      let created = false;
      let loaded = false;
      let volumeId = volumeIdFor(uid); // a tilted or unevenly spaced series is shown on its regular grid
      const announceLoaded = () => {
        if (created && loaded) emitViewerEvent('volume-loaded', { seriesUid: uid, volumeId });
      };
      try {
        const volume = await loadRegularVolume(
          s,
          (p) => {
            if (abort.signal.aborted) return;
            useViewerStore.getState().setProgress(uid, p);
            if (p.stage !== 'done' || loaded) return;
            loaded = true;
            announceLoaded();
          },
          abort.signal,
        );
        if (abort.signal.aborted) continue;
        useViewerStore.getState().setVolume(uid, volume.volumeId);
        volumeId = volume.volumeId;
        created = true;
        emitViewerEvent('volume-ready', { seriesUid: uid, volumeId: volume.volumeId });
        announceLoaded();
      } catch (e) {
        if (abort.signal.aborted) return;
        const message = e instanceof Error ? e.message : String(e);
        useViewerStore.getState().setProgress(uid, { stage: 'error', done: 0, total: s.fileIds.length, message });
        reportError(`Loading series ${s.seriesNumber} (${s.description || s.phase.label})`, e);
      }
    }
  })();
}
