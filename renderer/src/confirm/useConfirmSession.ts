import { useEffect } from 'react';
import { ensureOverlay } from '../ablation';
import { currentSession } from '../segmentation';
import { useCaseLabelmap } from '../case/useCaseLabelmap';
import { reportError } from '../store/appStore';
import { onViewerEvent } from '../viewer/viewerEvents';
import { syncPostOverlay } from './confirmActions';
import { useConfirmStore } from './confirmStore';

/**
 * While the Confirm tab is open: the achieved-zone overlay on the post views (and a zone saved
 * with the case once its series has loaded), the registered zone and margin map on the
 * pre-procedure views, and Esc to leave a click mode. The viewer's events say when a view or
 * a series is there to draw on.
 */
export function useConfirmSession(): void {
  const labelmap = useCaseLabelmap();

  useEffect(() => {
    const sync = () => {
      try {
        syncPostOverlay();
        const s = currentSession();
        if (s) ensureOverlay(s.referenceVolumeId);
      } catch (e) {
        reportError('Confirmation overlay', e);
      }
    };
    sync();
    const offs = [
      onViewerEvent('viewport-ready', sync),
      onViewerEvent('volume-ready', sync),
      onViewerEvent('volume-loaded', sync),
      // A zone restored with the case waits for its post series.
      useConfirmStore.subscribe((s, prev) => s.zonePending !== prev.zonePending && s.zonePending && sync()),
    ];
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') useConfirmStore.getState().set({ mode: null });
    };
    window.addEventListener('keydown', onKey);
    return () => {
      for (const off of offs) off();
      window.removeEventListener('keydown', onKey);
    };
  }, [labelmap]);
}
