import { eventTarget } from '@cornerstonejs/core';
import { Enums as ToolEnums } from '@cornerstonejs/tools';
import { useEffect } from 'react';
import { useCaseLabelmap } from '../case/useCaseLabelmap';
import { reportError } from '../store/appStore';
import { useCaseStore } from '../store/caseStore';
import { onViewerEvent } from '../viewer/viewerEvents';
import { analyseNow, loadCatalogue, refreshCrossings } from './ablationActions';
import { useAblationStore } from './ablationStore';
import { ensureOverlay } from './zoneOverlay';

const DEBOUNCE_MS = 300;

/**
 * While the Ablation workspace is open: the device catalogue, the overlay labelmap on every
 * view the viewer (re)creates, and a fresh analysis (worker) plus path warnings whenever the
 * case's labelmap appears or applicators, thresholds, segments or case voxels change. The
 * overlay's own writes are ignored so it cannot loop.
 */
export function useAblationSession(): void {
  const labelmap = useCaseLabelmap();

  useEffect(() => {
    void loadCatalogue();
  }, []);

  useEffect(() => {
    if (!labelmap) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        refreshCrossings();
        void analyseNow();
      }, DEBOUNCE_MS);
    };
    const overlay = () => {
      try {
        ensureOverlay(labelmap.referenceVolumeId);
      } catch (e) {
        reportError('Ablation overlay', e);
      }
    };
    overlay();
    schedule();
    const offViewport = onViewerEvent('viewport-ready', overlay);
    const onVoxels = (e: Event) => {
      const id = (e as CustomEvent<{ segmentationId?: string }>).detail?.segmentationId;
      if (id === labelmap.segmentationId) schedule();
    };
    eventTarget.addEventListener(ToolEnums.Events.SEGMENTATION_DATA_MODIFIED, onVoxels);
    const offAblation = useAblationStore.subscribe((c, p) => {
      if (c.applicators !== p.applicators || c.settings !== p.settings || c.catalogue !== p.catalogue) schedule();
    });
    const offCase = useCaseStore.subscribe((c, p) => {
      if (c.segments !== p.segments) schedule();
    });
    return () => {
      clearTimeout(timer);
      offViewport();
      eventTarget.removeEventListener(ToolEnums.Events.SEGMENTATION_DATA_MODIFIED, onVoxels);
      offAblation();
      offCase();
    };
  }, [labelmap]);
}
