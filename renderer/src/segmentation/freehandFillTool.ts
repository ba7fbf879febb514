import { getRenderingEngine, type Types } from '@cornerstonejs/core';
import { annotation as csAnnotation, LabelMapEditWithContourTool, utilities } from '@cornerstonejs/tools';
import type { Vec3 } from '../../../shared/volume/grid';

type OutlineHandler = (outline: Vec3[], normal: Vec3) => void;

interface OutlineAnnotation {
  annotationUID?: string;
  metadata?: { toolName?: string; viewPlaneNormal?: Types.Point3 };
  data?: { contour?: { polyline?: Types.Point3[] }; segmentation?: unknown };
}
interface AnnotationEvent {
  detail: { annotation?: OutlineAnnotation; renderingEngineId?: string; viewportId?: string };
}

let handler: OutlineHandler = () => {};
/** Viewports of outlines being drawn, and outlines already filled (one fill even if two tool groups listen). */
const viewports = new Map<string, Types.IViewport>();
const filled = new Set<string>();

/** Who fills a finished outline (the Segment workspace's edit action). */
export function onFreehandOutline(fn: OutlineHandler): void {
  handler = fn;
}

/** Cornerstone's own removal of the temporary contour representation (private in its typings). */
const cleanup = (viewport: Types.IViewport, annotation: OutlineAnnotation) =>
  (
    LabelMapEditWithContourTool as unknown as {
      cleanupTemporaryContourRepresentation(v: Types.IViewport, a: OutlineAnnotation): void;
    }
  ).cleanupTemporaryContourRepresentation(viewport, annotation);

/**
 * Freehand fill: Cornerstone's LabelMapEditWithContour drawing (a closed
 * freehand contour in the active segment's colour, refused on locked or
 * hidden segments), but on release the inside of the outline is always filled
 * into the active segment by our edit action (so locks, the liver rule, undo,
 * statistics and autosave behave as for every other tool) rather than
 * Cornerstone's extend-or-erase guess from where the stroke started.
 */
export class FreehandFillTool extends LabelMapEditWithContourTool {
  static override toolName = 'LpFreehandFill';

  // Listeners are attached unbound by the base class, so these use no `this`.
  override annotationModified(evt: AnnotationEvent): void {
    const { annotation, renderingEngineId, viewportId } = evt.detail;
    if (annotation?.metadata?.toolName !== FreehandFillTool.toolName || !annotation.annotationUID) return;
    const viewport = renderingEngineId && viewportId && getRenderingEngine(renderingEngineId)?.getViewport(viewportId);
    if (viewport) viewports.set(annotation.annotationUID, viewport);
  }

  override annotationCompleted(evt: AnnotationEvent): void {
    const { annotation } = evt.detail;
    const uid = annotation?.annotationUID;
    if (annotation?.metadata?.toolName !== FreehandFillTool.toolName || !uid || filled.has(uid)) return;
    filled.add(uid);
    const viewport = viewports.get(uid);
    viewports.delete(uid);
    const polyline = annotation.data?.contour?.polyline ?? [];
    const normal = annotation.metadata.viewPlaneNormal ?? viewport?.getCamera().viewPlaneNormal;
    // The outline has served its purpose: remove it before filling so it never lingers.
    csAnnotation.state.removeAnnotation(uid);
    if (annotation.data?.segmentation)
      utilities.contourSegmentation.removeContourSegmentationAnnotation(annotation as never);
    if (viewport) {
      cleanup(viewport, annotation);
      viewport.render();
    }
    if (polyline.length >= 3 && normal)
      handler(
        polyline.map((p) => [p[0], p[1], p[2]] as Vec3),
        [...normal] as Vec3,
      );
  }
}
