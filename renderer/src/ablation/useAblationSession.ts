import { eventTarget } from '@cornerstonejs/core';
import { Enums as ToolEnums } from '@cornerstonejs/tools';
import { useEffect } from 'react';
import { currentSession } from '../segmentation/caseSession';
import { reportError } from '../store/appStore';
import { useCaseStore } from '../store/caseStore';
import { analyseNow, loadCatalogue, refreshCrossings } from './ablationActions';
import { useAblationStore } from './ablationStore';
import { ensureOverlay } from './zoneOverlay';

const SYNC_MS = 400;
const DEBOUNCE_MS = 300;

/**
 * While the Ablation workspace is open: the device catalogue, the overlay labelmap on every
 * view, and a fresh analysis (worker) plus path warnings whenever applicators, thresholds,
 * segments or case voxels change. The overlay's own writes are ignored so it cannot loop.
 */
export function useAblationSession(): void {
  useEffect(() => {
    void loadCatalogue();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let seenSession: unknown = null;
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        refreshCrossings();
        void analyseNow();
      }, DEBOUNCE_MS);
    };
    const sync = () => {
      try {
        const s = currentSession();
        if (!s) return;
        ensureOverlay(s.referenceVolumeId);
        if (s !== seenSession) {
          seenSession = s;
          schedule();
        }
      } catch (e) {
        reportError('Ablation overlay', e);
      }
    };
    sync();
    const poll = setInterval(sync, SYNC_MS);
    const onVoxels = (e: Event) => {
      const id = (e as CustomEvent<{ segmentationId?: string }>).detail?.segmentationId;
      if (id && id === currentSession()?.segmentationId) schedule();
    };
    eventTarget.addEventListener(ToolEnums.Events.SEGMENTATION_DATA_MODIFIED, onVoxels);
    const offAblation = useAblationStore.subscribe((c, p) => {
      if (c.applicators !== p.applicators || c.settings !== p.settings || c.catalogue !== p.catalogue) schedule();
    });
    const offCase = useCaseStore.subscribe((c, p) => {
      if (c.segments !== p.segments) schedule();
    });
    return () => {
      clearInterval(poll);
      clearTimeout(timer);
      eventTarget.removeEventListener(ToolEnums.Events.SEGMENTATION_DATA_MODIFIED, onVoxels);
      offAblation();
      offCase();
    };
  }, []);
}
