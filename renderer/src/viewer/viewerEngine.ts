import { cache, Enums, getRenderingEngine, RenderingEngine, type Types } from '@cornerstonejs/core';
import {
  addTool,
  CrosshairsTool,
  Enums as ToolEnums,
  OrientationMarkerTool,
  PanTool,
  ReferenceLinesTool,
  segmentation,
  StackScrollTool,
  synchronizers,
  SynchronizerManager,
  ToolGroupManager,
  TrackballRotateTool,
  WindowLevelTool,
  ZoomTool,
} from '@cornerstonejs/tools';
import type { ViewportSpec } from '../../../shared/viewer/planViewports';
import { applyOpeningWindow } from './openingWindow';
import { rememberSeriesWindow, seriesWindow } from './seriesWindow';
import { shareSliceShader } from './shareSliceShader';
import { emitViewerEvent } from './viewerEvents';
import { warmUpViewer } from './warmUpViewer';

export const ENGINE_ID = 'liverplan-viewer';
const ORTHO_GROUP = 'liverplan-view-ortho';
const VR_GROUP = 'liverplan-view-3d';
const CAMERA_SYNC = 'liverplan-view-position';
const VOI_SYNC = 'liverplan-view-voi';

const { MouseBindings } = ToolEnums;
let toolsAdded = false;

function addToolsOnce(): void {
  if (toolsAdded) return;
  for (const t of [
    WindowLevelTool,
    PanTool,
    ZoomTool,
    StackScrollTool,
    CrosshairsTool,
    ReferenceLinesTool,
    OrientationMarkerTool,
    TrackballRotateTool,
  ])
    addTool(t);
  toolsAdded = true;
}

export function engine(): RenderingEngine {
  return (getRenderingEngine(ENGINE_ID) as RenderingEngine | undefined) ?? new RenderingEngine(ENGINE_ID);
}

/** Slice views showing an image of a reference volume's frame of reference (where its labelmaps belong). */
export function orthoViewportsOfFrame(referenceVolumeId: string): Types.IViewport[] {
  const frame = cache.getVolume(referenceVolumeId)?.metadata?.FrameOfReferenceUID;
  return engine()
    .getViewports()
    .filter(
      (vp) =>
        vp.type === Enums.ViewportType.ORTHOGRAPHIC &&
        vp.getActors().length > 0 &&
        vp.getFrameOfReferenceUID() === frame,
    );
}

export function viewportOf(id: string): Types.IVolumeViewport | undefined {
  return getRenderingEngine(ENGINE_ID)?.getViewport(id) as Types.IVolumeViewport | undefined;
}

export interface Pane {
  spec: ViewportSpec;
  element: HTMLDivElement;
  frameOfReferenceUid: string;
}

const ORIENTATION = {
  axial: Enums.OrientationAxis.AXIAL,
  coronal: Enums.OrientationAxis.CORONAL,
  sagittal: Enums.OrientationAxis.SAGITTAL,
} as const;

function destroyGroupsAndSyncs(): void {
  for (const g of [ORTHO_GROUP, VR_GROUP]) if (ToolGroupManager.getToolGroup(g)) ToolGroupManager.destroyToolGroup(g);
  for (const s of [CAMERA_SYNC, VOI_SYNC])
    if (SynchronizerManager.getSynchronizer(s)) SynchronizerManager.destroySynchronizer(s);
}

/**
 * Lays out the viewports of a layout on their elements and wires the tools:
 * left W/L, middle pan, right zoom, wheel scroll; phases of one frame of
 * reference follow each other by camera (= patient position, not slice index),
 * and W/L when syncVoi is on. Viewports of another frame of reference are left
 * unsynchronised: their coordinates do not mean the same place.
 */
export function applyLayout(panes: Pane[], opts: { syncVoi: boolean; crosshairs: boolean }): void {
  addToolsOnce();
  destroyGroupsAndSyncs();
  const re = engine();
  re.setViewports(
    panes.map(({ spec, element }) => ({
      viewportId: spec.id,
      element,
      type: spec.kind === 'volume3d' ? Enums.ViewportType.VOLUME_3D : Enums.ViewportType.ORTHOGRAPHIC,
      defaultOptions: { orientation: ORIENTATION[spec.orientation], background: [0, 0, 0] as Types.Point3 },
    })),
  );
  const ortho = panes.filter((p) => p.spec.kind === 'ortho');
  const vr = panes.filter((p) => p.spec.kind === 'volume3d');

  const tg = ToolGroupManager.createToolGroup(ORTHO_GROUP)!;
  // No ScaleOverlayTool: in 5.14 it builds its annotation once from the first
  // viewport and throws while a viewport has no volume yet; the overlay draws
  // its own scale bar from the camera instead (shared/viewer/scaleBar).
  for (const t of [WindowLevelTool, PanTool, ZoomTool, StackScrollTool]) tg.addTool(t.toolName);
  const mpr = ortho.length === 3 && new Set(ortho.map((p) => p.spec.orientation)).size === 3;
  if (mpr) {
    tg.addTool(CrosshairsTool.toolName);
    tg.addTool(ReferenceLinesTool.toolName, { sourceViewportId: ortho[0]!.spec.id });
  } else if (vr.length && ortho[0]) {
    tg.addTool(ReferenceLinesTool.toolName, { sourceViewportId: ortho[0].spec.id });
  }
  for (const p of ortho) tg.addViewport(p.spec.id, ENGINE_ID);
  tg.setToolActive(WindowLevelTool.toolName, { bindings: [{ mouseButton: MouseBindings.Primary }] });
  tg.setToolActive(PanTool.toolName, { bindings: [{ mouseButton: MouseBindings.Auxiliary }] });
  tg.setToolActive(ZoomTool.toolName, { bindings: [{ mouseButton: MouseBindings.Secondary }] });
  tg.setToolActive(StackScrollTool.toolName, { bindings: [{ mouseButton: MouseBindings.Wheel }] });
  if (mpr || vr.length) tg.setToolEnabled(ReferenceLinesTool.toolName);
  if (mpr) setCrosshairs(opts.crosshairs);

  if (vr.length) {
    const g3 = ToolGroupManager.createToolGroup(VR_GROUP)!;
    for (const t of [TrackballRotateTool, ZoomTool, PanTool, OrientationMarkerTool]) g3.addTool(t.toolName);
    for (const p of vr) g3.addViewport(p.spec.id, ENGINE_ID);
    g3.setToolActive(TrackballRotateTool.toolName, { bindings: [{ mouseButton: MouseBindings.Primary }] });
    g3.setToolActive(PanTool.toolName, { bindings: [{ mouseButton: MouseBindings.Auxiliary }] });
    g3.setToolActive(ZoomTool.toolName, { bindings: [{ mouseButton: MouseBindings.Secondary }] });
    g3.setToolEnabled(OrientationMarkerTool.toolName);
  }

  // Position sync only between parallel views of the same frame of reference.
  const axial = ortho.filter((p) => p.spec.orientation === 'axial');
  const ref = axial[0]?.frameOfReferenceUid;
  const samePlace = axial.filter((p) => p.frameOfReferenceUid === ref);
  if (!mpr && samePlace.length > 1) {
    const cam = synchronizers.createCameraPositionSynchronizer(CAMERA_SYNC);
    for (const p of samePlace) cam.add({ renderingEngineId: ENGINE_ID, viewportId: p.spec.id });
  }
  if (ortho.length > 1) {
    const voi = synchronizers.createVOISynchronizer(VOI_SYNC, { syncInvertState: true, syncColormap: false });
    for (const p of ortho) voi.add({ renderingEngineId: ENGINE_ID, viewportId: p.spec.id });
    voi.setEnabled(opts.syncVoi);
  }
}

/**
 * Crosshairs (MPR only: they need non-parallel views of one volume) take the
 * left button from W/L and replace the passive reference lines.
 */
export function setCrosshairs(on: boolean): void {
  const tg = ToolGroupManager.getToolGroup(ORTHO_GROUP);
  if (!tg?.hasTool(CrosshairsTool.toolName)) return;
  const primary = { bindings: [{ mouseButton: MouseBindings.Primary }] };
  if (on) {
    tg.setToolPassive(WindowLevelTool.toolName);
    tg.setToolDisabled(ReferenceLinesTool.toolName);
    tg.setToolActive(CrosshairsTool.toolName, primary);
  } else {
    if (tg.getToolInstance(CrosshairsTool.toolName)?.mode === ToolEnums.ToolModes.Active)
      tg.setToolDisabled(CrosshairsTool.toolName);
    tg.setToolActive(WindowLevelTool.toolName, primary);
    tg.setToolEnabled(ReferenceLinesTool.toolName);
  }
}

/** Turns W/L sync on or off without rebuilding the layout. */
export function setVoiSync(on: boolean): void {
  SynchronizerManager.getSynchronizer(VOI_SYNC)?.setEnabled(on);
}

export function destroyViewer(): void {
  destroyGroupsAndSyncs();
  getRenderingEngine(ENGINE_ID)?.destroy();
}

/**
 * Puts a volume on a viewport. A phase that arrives after another one of its
 * sync group is already on screen takes that one's camera, so it opens at the
 * same patient position instead of at its own middle slice.
 */
export async function showVolume(
  spec: ViewportSpec,
  volumeId: string,
  opts: { vrPreset: string; followViewportId?: string },
): Promise<void> {
  const vp = viewportOf(spec.id);
  if (!vp) return;
  // Segmentation state is keyed by viewport id and outlives a viewport that is recreated or
  // given another series: a labelmap of one frame of reference must never stay on a view of
  // another (its coordinates mean other places). The sessions re-attach what belongs.
  const before = vp.getActors().length ? vp.getFrameOfReferenceUID() : null;
  const next = cache.getVolume(volumeId)?.metadata?.FrameOfReferenceUID;
  if (!before || before !== next) segmentation.removeSegmentationRepresentations(spec.id, {}, true);
  // The window belongs to the series: shown before (another layout or workspace), it keeps it.
  // Read before setVolumes, whose default full-range window is reported like any other change.
  const kept = seriesWindow(volumeId);
  // Slice views share one compiled shader (warmed up at start-up) whatever the volume's size.
  await vp.setVolumes([
    { volumeId, callback: spec.kind === 'ortho' ? ({ volumeActor }) => shareSliceShader(volumeActor) : undefined },
  ]);
  if (spec.kind === 'volume3d') {
    // SwiftShader renders on the CPU: a coarser ray step keeps 3D interactive there.
    vp.setProperties({ preset: opts.vrPreset, sampleDistanceMultiplier: 2 } as Types.VolumeViewportProperties);
  } else {
    // A header without a usable window would show CT as flat grey: open in the abdomen preset.
    applyOpeningWindow(vp, volumeId);
    if (kept) vp.setProperties({ voiRange: kept });
    rememberSeriesWindow(vp.element);
    if (opts.followViewportId) {
      const src = viewportOf(opts.followViewportId);
      if (src?.getActors().length) vp.setCamera(src.getCamera());
    }
  }
  // A streaming volume without a decoded slice would be drawn as one flat grey block (its empty
  // voxels through the window), at the cost of a full render per viewport in software WebGL while
  // the opening slice is still on its way; its first slices re-render the viewports that show it.
  const framesProcessed = (cache.getVolume(volumeId) as { framesProcessed?: number } | undefined)?.framesProcessed;
  if (framesProcessed !== 0) vp.render();
  emitViewerEvent('viewport-ready', { viewportId: spec.id, volumeId });
}

/** Changes the 3D transfer function of a VOLUME_3D viewport. */
export function setVrPreset(viewportId: string, preset: string): void {
  const vp = viewportOf(viewportId);
  if (!vp?.getActors().length) return;
  vp.setProperties({ preset });
  vp.render();
}

/**
 * Called once when the app starts, before any study is open: the slice shader compiles while the
 * Start screen is up instead of after the user has chosen a study (see warmUpViewer).
 */
export function warmUpAtStartUp(): void {
  const go = () => void warmUpViewer(engine);
  if (document.readyState === 'complete') setTimeout(go, 0);
  else window.addEventListener('load', go, { once: true });
}
