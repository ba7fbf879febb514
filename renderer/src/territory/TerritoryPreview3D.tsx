import { cache, Enums, RenderingEngine, volumeLoader, type Types } from '@cornerstonejs/core';
import {
  addTool,
  Enums as ToolEnums,
  PanTool,
  ToolGroupManager,
  TrackballRotateTool,
  ZoomTool,
} from '@cornerstonejs/tools';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { SplitPlane } from '../../../shared/case/liverSplit';
import type { TargetFigures } from '../../../shared/case/targetFigures';
import {
  coarseLiver,
  cutDrawings,
  gridCorners,
  KEPT,
  REST,
  splitPreviewVolume,
  turnCamera,
  type CoarseLiver,
  type SplitPreviewVolume,
} from '../../../shared/territory/splitPreview3d';
import type { Vec3 } from '../../../shared/volume/grid';
import { currentSession, sessionGrid } from '../segmentation';
import { useCaseStore } from '../store/caseStore';
import { css, KEPT_RGB, REST_RGB } from './territoryColours';

const ENGINE_ID = 'liverplan-territory-preview';
const VIEWPORT_ID = 'territory-preview-3d';
const TOOL_GROUP = 'liverplan-territory-preview-tools';
/** Coarse grid of the preview: SwiftShader ray-casts ~100^3 in well under a second. */
const MAX_DIM = 96;

interface Drawn {
  planes: { polygon: string; arrow: [number, number, number, number] | null }[];
  points: [number, number][];
}

/**
 * The liver (liver and lesion segments) of the open case on the preview's coarse grid, or null
 * without a liver. Vessels are left out: the preview shows the shape, the figures come from
 * measureCase.
 */
function readCoarseLiver(): CoarseLiver | null {
  const session = currentSession();
  const grid = sessionGrid();
  if (!session || !grid) return null;
  const organ = new Set(
    useCaseStore
      .getState()
      .segments.filter((s) => s.kind === 'liver' || s.kind === 'lesion')
      .map((s) => s.label),
  );
  const voxels = session.readVoxels();
  const mask = new Uint8Array(voxels.length);
  for (let n = 0; n < voxels.length; n++) if (organ.has(voxels[n]!)) mask[n] = 1;
  return coarseLiver(mask, grid, MAX_DIM);
}

/** A throwaway volume of the split: a new id each time, so no texture of the last one is reused. */
let volumeSerial = 0;
function createPreviewVolume(p: SplitPreviewVolume): string {
  const volumeId = `territory_preview_${++volumeSerial}`;
  const volume = volumeLoader.createLocalVolume(volumeId, {
    dimensions: p.grid.dims,
    spacing: p.grid.spacing,
    origin: p.grid.origin,
    direction: p.grid.direction as unknown as Types.Mat3,
    scalarData: p.labels,
    metadata: {
      BitsAllocated: 8,
      BitsStored: 8,
      HighBit: 7,
      PixelRepresentation: 0,
      SamplesPerPixel: 1,
      PhotometricInterpretation: 'MONOCHROME2',
      Modality: 'SEG',
      PixelSpacing: [p.grid.spacing[1], p.grid.spacing[0]],
      FrameOfReferenceUID: 'territory-preview',
      ImageOrientationPatient: p.grid.direction.slice(0, 6),
      voiLut: [],
      Columns: p.grid.dims[0],
      Rows: p.grid.dims[1],
    } as unknown as Types.Metadata,
  });
  volume.modified?.();
  return volumeId;
}

/** Labels as colours: the territory to be opaque in the 2D overlay's colour, the rest of the liver in blue and less opaque. */
function colourBySide(vp: Types.IVolumeViewport): void {
  const prop = (vp.getDefaultActor().actor as Types.VolumeActor).getProperty();
  // Nearest sampling: a ray never sees a blend of 0 and REST that would read as KEPT.
  prop.setInterpolationTypeToNearest();
  const rgb = prop.getRGBTransferFunction(0);
  rgb.removeAllPoints();
  rgb.addRGBPoint(0, 0, 0, 0);
  rgb.addRGBPoint(KEPT, ...(KEPT_RGB.map((v) => v / 255) as [number, number, number]));
  rgb.addRGBPoint(REST, ...(REST_RGB.map((v) => v / 255) as [number, number, number]));
  const opacity = prop.getScalarOpacity(0);
  opacity.removeAllPoints();
  opacity.addPoint(0, 0);
  opacity.addPoint(KEPT - 0.01, 0);
  opacity.addPoint(KEPT, 0.9);
  opacity.addPoint(REST - 0.01, 0.9);
  opacity.addPoint(REST, 0.12);
  prop.setShade(true);
  prop.setAmbient(0.35);
  prop.setDiffuse(0.8);
}

const ml = (v: number) => v.toFixed(1);

/**
 * 3D preview of a split before it is applied: the liver in its own small volume viewport, the
 * side that becomes the territory in the 2D overlay's colour and the rest in faint blue, with
 * the points placed so far, each plane drawn across the liver's box and an arrow into its kept
 * side. Drag to rotate. Its own rendering engine: the viewer's layout (which rebuilds its
 * viewports) neither sees nor disturbs it.
 *
 * `planes` are the draft's planes defined so far (drawn as the points are placed); `split` the
 * draft's cuts once it is complete (colours the parts, as the 2D overlay shades them), else null.
 * `figures` are the measured figures of the draft (the 2D preview's); `wholeLiverMl` the case's
 * whole liver, so the legend gives both parts.
 */
export function TerritoryPreview3D(props: {
  planes: SplitPlane[];
  split: SplitPlane[] | null;
  points: Vec3[];
  figures: TargetFigures | undefined;
  wholeLiverMl: number | undefined;
}) {
  const element = useRef<HTMLDivElement>(null);
  const viewport = useRef<Types.IVolumeViewport | null>(null);
  const segments = useCaseStore((s) => s.segments);
  const stats = useCaseStore((s) => s.stats);
  const [drawn, setDrawn] = useState<Drawn>({ planes: [], points: [] });
  const [message, setMessage] = useState('');
  const [parts, setParts] = useState({ keptVoxels: 0, restVoxels: 0, keptMl: 0, restMl: 0, split: false });
  const [rendered, setRendered] = useState(0);
  // The liver is read again when a segment's voxels change (its count or centroid), not when the
  // re-measure that every moved point starts comes back with the same segments.
  const voxelsKey = JSON.stringify([
    segments.map((s) => [s.label, s.kind]),
    stats?.segments.map((s) => [s.label, s.voxelCount, s.centroidLps]),
  ]);
  const liver = useMemo(() => readCoarseLiver(), [voxelsKey]);
  const splitKey = JSON.stringify(props.split);
  const drawKey = JSON.stringify([props.planes, props.points]);

  useEffect(() => {
    const el = element.current!;
    const engine = new RenderingEngine(ENGINE_ID);
    engine.enableElement({
      viewportId: VIEWPORT_ID,
      type: Enums.ViewportType.VOLUME_3D,
      element: el,
      defaultOptions: { orientation: Enums.OrientationAxis.CORONAL, background: [0.06, 0.07, 0.09] as Types.Point3 },
    });
    viewport.current = engine.getViewport(VIEWPORT_ID) as Types.IVolumeViewport;
    for (const t of [TrackballRotateTool, ZoomTool, PanTool]) addTool(t);
    const tools = ToolGroupManager.createToolGroup(TOOL_GROUP)!;
    for (const t of [TrackballRotateTool, ZoomTool, PanTool]) tools.addTool(t.toolName);
    tools.addViewport(VIEWPORT_ID, ENGINE_ID);
    const { MouseBindings } = ToolEnums;
    tools.setToolActive(TrackballRotateTool.toolName, { bindings: [{ mouseButton: MouseBindings.Primary }] });
    tools.setToolActive(PanTool.toolName, { bindings: [{ mouseButton: MouseBindings.Auxiliary }] });
    tools.setToolActive(ZoomTool.toolName, { bindings: [{ mouseButton: MouseBindings.Secondary }] });
    const onRendered = () => setRendered((n) => n + 1);
    el.addEventListener(Enums.Events.IMAGE_RENDERED, onRendered);
    const resize = new ResizeObserver(() => engine.resize(true, true));
    resize.observe(el);
    return () => {
      resize.disconnect();
      el.removeEventListener(Enums.Events.IMAGE_RENDERED, onRendered);
      ToolGroupManager.destroyToolGroup(TOOL_GROUP);
      const volumeId = viewport.current?.getActors().length ? viewport.current.getVolumeId() : undefined;
      viewport.current = null;
      engine.destroy();
      if (volumeId) cache.removeVolumeLoadObject(volumeId);
    };
  }, []);

  // The points and planes over the view: projected again whenever they or the camera move.
  useEffect(() => {
    const vp = viewport.current;
    if (!vp || !liver) {
      setDrawn({ planes: [], points: [] });
      return;
    }
    const [planes, points] = JSON.parse(drawKey) as [SplitPlane[], Vec3[]];
    const project = () => {
      if (!vp.getActors().length) return;
      const xy = (p: Vec3) => [...vp.worldToCanvas(p as Types.Point3)] as [number, number];
      const f = (p: Vec3) => xy(p).map((v) => v.toFixed(1));
      setDrawn({
        planes: cutDrawings(liver.grid, planes)
          .filter((d) => d.polygon.length)
          .map((d) => ({
            polygon: d.polygon.map((p) => f(p).join(',')).join(' '),
            arrow: d.arrow && ([...f(d.arrow[0]), ...f(d.arrow[1])].map(Number) as [number, number, number, number]),
          })),
        points: points.map(xy),
      });
    };
    project();
    vp.element.addEventListener(Enums.Events.CAMERA_MODIFIED, project);
    vp.element.addEventListener(Enums.Events.IMAGE_RENDERED, project);
    return () => {
      vp.element.removeEventListener(Enums.Events.CAMERA_MODIFIED, project);
      vp.element.removeEventListener(Enums.Events.IMAGE_RENDERED, project);
    };
  }, [liver, drawKey]);

  // The liver coloured by side: a new volume when the split (or the liver) changes.
  useEffect(() => {
    const vp = viewport.current;
    if (!vp) return;
    if (!liver) {
      setMessage('Segment the liver to see the split in 3D.');
      return;
    }
    setMessage('');
    let stale = false;
    const split = splitPreviewVolume(liver, (JSON.parse(splitKey) as SplitPlane[] | null) ?? []);
    // Debounced: typing a coordinate changes the cut at every key.
    const timer = setTimeout(async () => {
      const before = vp.getActors().length ? vp.getVolumeId() : undefined;
      const camera = before ? vp.getCamera() : null;
      const volumeId = createPreviewVolume(split);
      try {
        await vp.setVolumes([{ volumeId }]);
      } catch (e) {
        cache.removeVolumeLoadObject(volumeId);
        if (!stale) setMessage(`3D preview unavailable: ${(e as Error).message}`);
        return;
      }
      // Same liver box as before: keep the user's rotation.
      const keepCamera = camera && sameBox(before, volumeId);
      if (before) cache.removeVolumeLoadObject(before);
      if (stale) return;
      colourBySide(vp);
      if (keepCamera) vp.setCamera(camera);
      else {
        // First view: from the front, turned a little, so a sagittal or axial plane shows as a face, not an edge.
        // Zoomed to 3/4 of the box's circumscribed sphere: the liver (round, not filling the box's
        // corners) stays in view whichever way it is turned, and fills most of the view.
        const c = vp.getCamera();
        const corners = gridCorners(liver.grid);
        const radius = (0.75 * Math.hypot(...corners[7]!.map((v, a) => v - corners[0]![a]!))) / 2;
        vp.setCamera({
          ...turnCamera({ position: c.position!, focalPoint: c.focalPoint!, viewUp: c.viewUp! }, 30, 20),
          parallelScale: radius,
        });
      }
      let keptVoxels = 0;
      let restVoxels = 0;
      for (const v of split.labels) {
        if (v === KEPT) keptVoxels++;
        else if (v === REST) restVoxels++;
      }
      setParts({ keptVoxels, restVoxels, keptMl: split.keptMl, restMl: split.restMl, split: splitKey !== 'null' });
      vp.render();
    }, 200);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [liver, splitKey]);

  const f = props.split ? props.figures : undefined;
  const restMl = f && props.wholeLiverMl !== undefined ? props.wholeLiverMl - f.targetMl : undefined;
  return (
    <div
      className="territory-preview-3d"
      data-testid="territory-preview-3d"
      data-planes={drawn.planes.length}
      data-points={drawn.points.length}
      data-split={parts.split ? '1' : '0'}
      data-kept-voxels={parts.keptVoxels}
      data-rest-voxels={parts.restVoxels}
      data-kept-ml={parts.keptMl}
      data-rest-ml={parts.restMl}
      data-rendered={rendered}
      title="3D preview: the coloured part becomes the territory. Drag to rotate, right-drag to zoom."
    >
      <div ref={element} className="territory-preview-3d-view" onContextMenu={(e) => e.preventDefault()} />
      <svg className="territory-preview-3d-planes">
        <defs>
          <marker
            id="territory-arrow"
            viewBox="0 0 10 10"
            refX="8"
            refY="5"
            markerWidth="6"
            markerHeight="6"
            orient="auto"
          >
            <path d="M0,0 L10,5 L0,10 z" />
          </marker>
        </defs>
        {drawn.planes.map((d, n) => (
          <g key={n}>
            <polygon points={d.polygon} />
            {d.arrow && (
              <line x1={d.arrow[0]} y1={d.arrow[1]} x2={d.arrow[2]} y2={d.arrow[3]} markerEnd="url(#territory-arrow)" />
            )}
          </g>
        ))}
        {drawn.points.map(([x, y], n) => (
          <circle key={n} cx={x} cy={y} r={4} fill={css(KEPT_RGB)} />
        ))}
      </svg>
      {message && <p className="muted territory-preview-3d-message">{message}</p>}
      <div className="territory-preview-3d-legend">
        <span data-testid="territory-3d-kept">
          <i style={{ background: css(KEPT_RGB) }} /> territory{f ? ` ${ml(f.targetMl)} mL` : ''}
        </span>
        <span data-testid="territory-3d-rest">
          <i style={{ background: css(REST_RGB) }} /> rest of liver{restMl !== undefined ? ` ${ml(restMl)} mL` : ''}
        </span>
        {!props.split && <span className="muted"> · place every point to see the parts</span>}
      </div>
    </div>
  );
}

/** Two cached preview volumes on the same grid (the liver did not change, only the split). */
function sameBox(a: string | undefined, b: string): boolean {
  const [va, vb] = [a && cache.getVolume(a), cache.getVolume(b)];
  if (!va || !vb) return false;
  return ['dimensions', 'spacing', 'origin'].every(
    (k) => JSON.stringify(va[k as 'origin']) === JSON.stringify(vb[k as 'origin']),
  );
}
