import { eventTarget } from '@cornerstonejs/core';
import { Enums as ToolEnums } from '@cornerstonejs/tools';
import { useEffect } from 'react';
import { findThresholdPreset } from '../../../shared/segment/thresholdPresets';
import { useCaseLabelmap } from '../case/useCaseLabelmap';
import { reportError } from '../store/appStore';
import { useCaseStore } from '../store/caseStore';
import { onViewerEvent } from '../viewer/viewerEvents';
import { attachToViewports } from './caseSession';
import { scheduleStatistics } from './liveStatistics';
import { applyEditTool, releaseEditTool } from './segmentTools';

function settings() {
  const c = useCaseStore.getState();
  return { tool: c.tool, brushRadiusMm: c.brushRadiusMm, thresholdHu: findThresholdPreset(c.thresholdPreset).rangeHu };
}

/**
 * Keeps the case labelmap on the viewer's viewports while a workspace that edits or shows it is
 * open: attaches it to each viewport the viewer (re)creates (its 'viewport-ready' event), keeps
 * our tools on the viewer's tool group, pushes segment colours and locks into Cornerstone, and
 * refreshes the statistics after every voxel edit. The case session itself creates, restores
 * and autosaves the labelmap.
 */
export function useSegmentSession(): void {
  const labelmap = useCaseLabelmap();

  // Our edit tools follow the viewer's tool group, which a layout change rebuilds.
  useEffect(() => {
    const apply = () => {
      try {
        applyEditTool(settings());
      } catch (e) {
        reportError('Segmentation tools', e);
      }
    };
    apply();
    const offViewport = onViewerEvent('viewport-ready', apply);
    const offStore = useCaseStore.subscribe((c, prev) => {
      if (c.tool !== prev.tool || c.brushRadiusMm !== prev.brushRadiusMm || c.thresholdPreset !== prev.thresholdPreset)
        apply();
    });
    return () => {
      offViewport();
      offStore();
      releaseEditTool();
    };
  }, []);

  useEffect(() => {
    if (!labelmap) return;
    const attach = () => {
      try {
        attachToViewports();
        const { segments, activeLabel } = useCaseStore.getState();
        labelmap.applySegments(segments);
        if (activeLabel !== null) labelmap.setActiveSegment(activeLabel);
      } catch (e) {
        reportError('Segmentation', e);
      }
    };
    attach();
    scheduleStatistics(0);
    const offViewport = onViewerEvent('viewport-ready', attach);
    const onVoxels = (e: Event) => {
      const id = (e as CustomEvent<{ segmentationId?: string }>).detail?.segmentationId;
      if (id === labelmap.segmentationId) scheduleStatistics();
    };
    eventTarget.addEventListener(ToolEnums.Events.SEGMENTATION_DATA_MODIFIED, onVoxels);
    const offStore = useCaseStore.subscribe((c, prev) => {
      if (c.segments !== prev.segments) {
        labelmap.applySegments(c.segments);
        scheduleStatistics();
      }
      if (c.activeLabel !== prev.activeLabel && c.activeLabel !== null) labelmap.setActiveSegment(c.activeLabel);
    });
    // A phase that finishes loading adds its HU column to the statistics.
    const offLoaded = onViewerEvent('volume-loaded', () => scheduleStatistics());
    return () => {
      offViewport();
      eventTarget.removeEventListener(ToolEnums.Events.SEGMENTATION_DATA_MODIFIED, onVoxels);
      offStore();
      offLoaded();
    };
  }, [labelmap]);
}
