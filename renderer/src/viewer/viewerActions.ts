import { utilities as csUtils, type Types } from '@cornerstonejs/core';
import { utilities as toolUtils } from '@cornerstonejs/tools';
import type { ViewerAction } from '../../../shared/viewer/keyBindings';
import { presetRange, WL_PRESETS } from '../../../shared/viewer/wlPresets';
import { applyOpeningWindow } from './openingWindow';
import { setCrosshairs, setVoiSync, viewportOf } from './viewerEngine';
import { useViewerStore } from './viewerStore';

/** Frames per second for cine: one slice per frame reads well at typical CT spacing. */
const CINE_FPS = 12;

/** Applies a W/L preset to a viewport (the VOI synchronizer carries it to the others when on). */
export function applyPreset(viewportId: string, presetId: string): void {
  const vp = viewportOf(viewportId);
  const preset = WL_PRESETS.find((p) => p.id === presetId);
  if (!vp || !preset) return;
  vp.setProperties({ voiRange: presetRange(preset) });
  vp.render();
}

export function resetViewport(viewportId: string): void {
  const vp = viewportOf(viewportId);
  if (!vp) return;
  vp.resetCamera();
  vp.resetProperties();
  // Back to the window the series opened in, not the renderer's min..max (flat grey on CT).
  const volumeId = vp.getVolumeId?.();
  if (volumeId && vp.type === 'orthographic') applyOpeningWindow(vp, volumeId);
  vp.render();
}

export function toggleInvert(viewportId: string): void {
  const vp = viewportOf(viewportId);
  if (!vp) return;
  vp.setProperties({ invert: !vp.getProperties()?.invert });
  vp.render();
}

export function setCine(viewportId: string, on: boolean): void {
  const vp = viewportOf(viewportId);
  if (!vp) return;
  if (on) toolUtils.cine.playClip(vp.element, { framesPerSecond: CINE_FPS, loop: true });
  else toolUtils.cine.stopClip(vp.element);
}

/** Stops cine on viewports that are about to go (a layout change); the store flag follows. */
export function stopCine(elements: HTMLDivElement[]): void {
  if (!useViewerStore.getState().cine) return;
  for (const el of elements) toolUtils.cine.stopClip(el);
  useViewerStore.setState({ cine: false });
}

/** Runs one key-bound action against the active viewport. */
export function runAction(
  action: ViewerAction,
  activeViewportId: string,
  viewportIds: string[],
  seriesIndexOf: (viewportId: string) => number | undefined,
): void {
  const store = useViewerStore.getState();
  switch (action.kind) {
    case 'preset':
      return applyPreset(activeViewportId, action.presetId);
    case 'reset':
      return resetViewport(activeViewportId);
    case 'invert':
      return toggleInvert(activeViewportId);
    case 'scroll': {
      const vp = viewportOf(activeViewportId);
      if (vp) csUtils.scroll(vp as Types.IViewport, { delta: action.delta });
      return;
    }
    case 'cine':
      setCine(activeViewportId, !store.cine);
      return store.toggle('cine');
    case 'layout':
      return store.setLayout(action.layout);
    case 'crosshairs':
      setCrosshairs(!store.crosshairs);
      return store.toggle('crosshairs');
    case 'syncVoi':
      setVoiSync(!store.syncVoi);
      return store.toggle('syncVoi');
    case 'nextViewport': {
      const n = viewportIds.indexOf(activeViewportId);
      const next = viewportIds[(n + action.delta + viewportIds.length) % viewportIds.length];
      if (next) store.setActiveViewport(next, seriesIndexOf(next));
      return;
    }
    case 'help':
      return store.toggle('help');
  }
}
