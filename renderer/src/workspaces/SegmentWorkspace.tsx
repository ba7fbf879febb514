import { useEffect, useRef, useState, type PointerEvent } from 'react';
import type { Vec3 } from '../../../shared/volume/grid';
import { useCaseStore } from '../store/caseStore';
import { resolveRecovery, saveCase } from '../case/caseAutosave';
import { currentCase } from '../case/caseSession';
import { useCaseLabelmap } from '../case/useCaseLabelmap';
import { referenceSeries } from '../segmentation/caseSession';
import { importLabels } from '../segmentation/labelsImport';
import { useStudyStore } from '../store/studyStore';
import { useViewerStore } from '../viewer/viewerStore';
import { lesionFromClickAt, liverFromClick, regionGrowAt } from '../segmentation/editActions';
import { redoEdit, undoEdit } from '../segmentation/labelmapSession';
import { SegmentList } from '../segmentation/SegmentList';
import { SegmentToolbar } from '../segmentation/SegmentToolbar';
import { StatisticsPanel } from '../segmentation/StatisticsPanel';
import { ResultCheckPanel } from '../segmentation/ResultCheckPanel';
import { useSegmentSession } from '../segmentation/useSegmentSession';
import { worldAtPointer } from '../segmentation/viewportClicks';
import { CLICK_TOOLS } from '../segmentation/segmentTools';
import { SEGMENT_KEY_BINDINGS, segmentBindingFor } from '../../../shared/segment/segmentKeys';
import { TerritoryOverlay, placeTerritoryPoint } from '../territory/TerritoryOverlay';
import { TerritoryPanel } from '../territory/TerritoryPanel';
import { ViewerWorkspace } from './ViewerWorkspace';
import '../segmentation/segmentation.css';

/** A lesion-tool press that moved less than this (mm) is a click, more is a drag across the lesion. */
const DRAG_MIN_MM = 3;

/** The Segment keys in the ? overlay, from the table the handler dispatches on. */
const SEGMENT_HELP = [{ caption: 'Segment', rows: SEGMENT_KEY_BINDINGS }];

/**
 * "Load into case" from the study browser: the file is imported once the case labelmap exists
 * and its reference phase has all its pixels (a saved case of the study is restored by then,
 * so the import lands on top of it rather than under it).
 */
function useRequestedLabels(): void {
  const labelmap = useCaseLabelmap();
  const request = useStudyStore((s) => s.labelsRequest);
  const refUid = labelmap ? referenceSeries(currentCase().series)?.seriesInstanceUid : undefined;
  const loaded = useViewerStore((s) => (refUid ? s.progress[refUid]?.stage === 'done' : false));
  useEffect(() => {
    if (!request || !labelmap || !loaded) return;
    useStudyStore.getState().requestLabels(null);
    void importLabels(request.path);
  }, [request, labelmap, loaded]);
}

/** Segment: the viewer's viewports with the case labelmap over every phase, a tool bar and a segment panel. */
export function SegmentWorkspace() {
  useSegmentSession();
  useRequestedLabels();
  const tool = useCaseStore((s) => s.tool);
  const saveState = useCaseStore((s) => s.saveState);
  const stroke = useRef<{ points: Vec3[]; include: boolean } | null>(null);
  /** A lesion-tool press: where it started (patient and screen), and the line drawn so far. */
  const lesionDrag = useRef<{ from: Vec3; x: number; y: number } | null>(null);
  const [dragLine, setDragLine] = useState<{ x1: number; y1: number; x2: number; y2: number } | null>(null);
  const view = useRef<HTMLDivElement>(null);
  const recovery = useCaseStore((s) => s.recovery);
  /** Patient position under the pointer: where a click tool would act. */
  const [cursor, setCursor] = useState<Vec3 | null>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (t && /^(INPUT|SELECT|TEXTAREA)$/.test(t.tagName)) return;
      const b = segmentBindingFor(e);
      if (!b) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      const c = useCaseStore.getState();
      const a = b.action;
      if (a.kind === 'tool') c.setTool(a.tool);
      else if (a.kind === 'radius') c.setBrushRadius(c.brushRadiusMm + a.deltaMm);
      else if (a.kind === 'undo') undoEdit();
      else if (a.kind === 'redo') redoEdit();
      else void saveCase();
    };
    // Capture phase: these keys belong to the Segment workspace before the viewer sees them.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  const onPointerDown = (e: PointerEvent) => {
    // Placing a territory plane: the click is a point of it, not a tool or window/level action.
    if (e.button === 0 && placeTerritoryPoint(e)) return e.stopPropagation();
    if (e.button !== 0 || !CLICK_TOOLS.has(tool)) return;
    const world = worldAtPointer(e);
    if (!world) return;
    if (tool === 'liver-seed' && (e.shiftKey || e.altKey)) {
      stroke.current = { points: [world], include: e.shiftKey };
      return;
    }
    if (tool === 'liver-seed') void liverFromClick(world);
    else if (tool === 'lesion-click') {
      // Decided on release: a click segments from its point, a drag across the lesion gives its size.
      lesionDrag.current = { from: world, x: e.clientX, y: e.clientY };
    } else void regionGrowAt(world);
  };
  const onPointerMove = (e: PointerEvent) => {
    const world = worldAtPointer(e);
    setCursor(world);
    if (world && stroke.current) stroke.current.points.push(world);
    const d = lesionDrag.current;
    const box = view.current?.getBoundingClientRect();
    if (d && box)
      setDragLine({ x1: d.x - box.left, y1: d.y - box.top, x2: e.clientX - box.left, y2: e.clientY - box.top });
  };
  const onPointerUp = (e: PointerEvent) => {
    const s = stroke.current;
    stroke.current = null;
    if (s) void liverFromClick(s.points[0]!, s);
    const d = lesionDrag.current;
    lesionDrag.current = null;
    setDragLine(null);
    if (!d) return;
    const to = worldAtPointer(e);
    const mm = to ? Math.hypot(to[0] - d.from[0], to[1] - d.from[1], to[2] - d.from[2]) : 0;
    void lesionFromClickAt(d.from, to && mm >= DRAG_MIN_MM ? to : undefined);
  };

  return (
    <section className="segment-workspace" data-testid="segment-workspace" data-tool={tool}>
      <SegmentToolbar />
      {recovery && (
        <div className="recovery" data-testid="recovery">
          {recovery} <button onClick={() => void resolveRecovery('keep')}>Keep recovered edits</button>
          <button onClick={() => void resolveRecovery('discard')}>Back to last save</button>
        </div>
      )}
      <div className="segment-main">
        <div
          className="segment-view"
          ref={view}
          onPointerDownCapture={onPointerDown}
          onPointerMoveCapture={onPointerMove}
          onPointerUpCapture={onPointerUp}
        >
          <ViewerWorkspace helpSections={SEGMENT_HELP} />
          <TerritoryOverlay host={view} />
          {dragLine && (
            <svg className="lesion-drag" data-testid="lesion-drag">
              <line {...dragLine} stroke="#ffeb3b" strokeWidth={2} strokeDasharray="4 3" />
            </svg>
          )}
        </div>
        <aside className="segment-panel" data-testid="segment-panel" data-save-state={saveState}>
          <div className="cursor" data-testid="cursor-lps" data-lps={cursor ? cursor.join(',') : ''}>
            {cursor
              ? `Cursor L ${cursor[0].toFixed(1)} P ${cursor[1].toFixed(1)} S ${cursor[2].toFixed(1)} mm`
              : 'Cursor: off the images'}
          </div>
          <ResultCheckPanel />
          <SegmentList />
          <StatisticsPanel />
          <TerritoryPanel />
        </aside>
      </div>
    </section>
  );
}
