import { eventTarget } from '@cornerstonejs/core';
import { Enums as ToolEnums } from '@cornerstonejs/tools';
import { useEffect } from 'react';
import { findThresholdPreset } from '../../../shared/segment/thresholdPresets';
import { reportError } from '../store/appStore';
import { useCaseStore } from '../store/caseStore';
import { useViewerStore } from '../viewer/viewerStore';
import { attachToViewports, currentSession, ensureSession } from './caseSession';
import { markDirty, openCaseForStudy, startAutosave } from './caseAutosave';
import { scheduleStatistics } from './liveStatistics';
import { applyEditTool, releaseEditTool } from './segmentTools';

/** How often the workspace checks for new viewports, volumes and tool groups (cheap, idempotent). */
const SYNC_MS = 400;

function settings() {
  const c = useCaseStore.getState();
  return { tool: c.tool, brushRadiusMm: c.brushRadiusMm, thresholdHu: findThresholdPreset(c.thresholdPreset).rangeHu };
}

/**
 * Keeps the case labelmap on the viewer's viewports while the Segment
 * workspace is open: creates it when the reference phase arrives (restoring
 * the saved or autosaved case), attaches it to each viewport the viewer
 * (re)creates, keeps our tools on the viewer's tool group, and turns every
 * voxel edit (Cornerstone brush or ours, undo or redo) into an autosave mark
 * and a statistics refresh. The viewer has no event for "a viewport got a
 * volume", so a short poll does the attaching.
 */
export function useSegmentSession(): void {
  useEffect(() => {
    let restoring = false;
    const sync = () => {
      try {
        const before = currentSession();
        const s = ensureSession();
        if (s && s !== before) {
          restoring = true;
          void openCaseForStudy()
            .catch((e) => reportError('Opening the case', e))
            .finally(() => {
              restoring = false;
              const { segments, activeLabel } = useCaseStore.getState();
              s.applySegments(segments);
              if (activeLabel !== null) s.setActiveSegment(activeLabel);
              scheduleStatistics(0);
            });
        }
        if (!s) return;
        if (attachToViewports().length) s.applySegments(useCaseStore.getState().segments);
        applyEditTool(settings());
      } catch (e) {
        reportError('Segmentation', e);
      }
    };
    sync();
    scheduleStatistics(0);
    const poll = setInterval(sync, SYNC_MS);
    const onVoxels = () => {
      if (restoring) return;
      markDirty();
      scheduleStatistics();
    };
    eventTarget.addEventListener(ToolEnums.Events.SEGMENTATION_DATA_MODIFIED, onVoxels);
    const offStore = useCaseStore.subscribe((c, prev) => {
      const s = currentSession();
      if (c.segments !== prev.segments) {
        s?.applySegments(c.segments);
        if (!restoring) markDirty();
        scheduleStatistics();
      }
      if (c.activeLabel !== prev.activeLabel && c.activeLabel !== null) s?.setActiveSegment(c.activeLabel);
      if (c.tool !== prev.tool || c.brushRadiusMm !== prev.brushRadiusMm || c.thresholdPreset !== prev.thresholdPreset)
        applyEditTool(settings());
    });
    // A phase that finishes loading adds its HU column to the statistics.
    const offViewer = useViewerStore.subscribe((v, prev) => {
      const done = (p: typeof v.progress) => Object.values(p).filter((x) => x.stage === 'done').length;
      if (done(v.progress) > done(prev.progress)) scheduleStatistics();
    });
    const stopAutosave = startAutosave();
    return () => {
      clearInterval(poll);
      eventTarget.removeEventListener(ToolEnums.Events.SEGMENTATION_DATA_MODIFIED, onVoxels);
      offStore();
      offViewer();
      stopAutosave();
      releaseEditTool();
    };
  }, []);
}
