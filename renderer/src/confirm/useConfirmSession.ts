import { useEffect } from 'react';
import { ensureOverlay } from '../ablation/zoneOverlay';
import { currentSession } from '../segmentation/caseSession';
import { reportError } from '../store/appStore';
import { syncPostOverlay } from './confirmActions';
import { useConfirmStore } from './confirmStore';

const SYNC_MS = 400;

/**
 * While the Confirm tab is open: the achieved-zone overlay on the post views (and a zone saved
 * with the case once its series has loaded), the registered zone and margin map on the
 * pre-procedure views, and Esc to leave a click mode.
 */
export function useConfirmSession(): void {
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
    const poll = setInterval(sync, SYNC_MS);
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') useConfirmStore.getState().set({ mode: null });
    };
    window.addEventListener('keydown', onKey);
    return () => {
      clearInterval(poll);
      window.removeEventListener('keydown', onKey);
    };
  }, []);
}
