import { useFields } from '../store/useFields';
import { SEGMENT_KEY_BINDINGS } from '../../../shared/segment/segmentKeys';
import { presetLabel, presetTitle } from '../../../shared/segment/presetLabel';
import { THRESHOLD_PRESETS } from '../../../shared/segment/thresholdPresets';
import { useCaseStore, type EditTool } from '../store/caseStore';
import { useStudyStore } from '../store/studyStore';
import { cancelJob, maskOperation } from './editActions';
import { redoEdit, undoEdit } from './labelmapSession';
import { saveCase } from '../case/caseAutosave';
import { importLabels } from './labelsImport';
import { exportNifti } from './niftiExport';
import type { MaskOp } from './segmentJobs';

const TOOLS: { id: EditTool; label: string; title: string }[] = [
  { id: 'none', label: 'W/L', title: 'Window/level on the left button' },
  { id: 'brush', label: 'Brush', title: 'Paint a circle' },
  { id: 'sphere-brush', label: 'Sphere', title: 'Paint a sphere' },
  { id: 'eraser', label: 'Eraser', title: 'Erase a circle' },
  { id: 'sphere-eraser', label: 'Erase sphere', title: 'Erase a sphere' },
  { id: 'threshold-brush', label: 'Threshold', title: 'Paint only voxels in the HU range of the preset' },
  { id: 'circle-scissors', label: 'Circle ✂', title: 'Fill a dragged circle' },
  { id: 'rect-scissors', label: 'Rect ✂', title: 'Fill a dragged rectangle' },
  { id: 'sphere-scissors', label: 'Sphere ✂', title: 'Fill a dragged sphere' },
  { id: 'fill', label: 'Fill', title: 'Fill the enclosed region clicked (paint fill)' },
  {
    id: 'freehand',
    label: 'Freehand',
    title: 'Draw a closed outline: its inside fills the active segment on that slice',
  },
  { id: 'region-grow', label: 'Grow', title: 'Region grow from a click into the active segment' },
  { id: 'liver-seed', label: 'Liver', title: 'Whole liver from one click; Shift-drag includes, Alt-drag excludes' },
  {
    id: 'lesion-click',
    label: 'Lesion',
    title: 'Click a lesion, or drag across its long axis: segmented on its most conspicuous phase',
  },
];

/** A tool's title with its key from the Segment key table, so the two cannot drift apart. */
function titleWithKey(t: { id: EditTool; title: string }): string {
  const b = SEGMENT_KEY_BINDINGS.find((k) => k.action.kind === 'tool' && k.action.tool === t.id);
  return b ? `${t.title} (${b.display})` : t.title;
}

const OPS: { op: MaskOp; label: string }[] = [
  { op: 'fill-holes', label: 'Fill holes' },
  { op: 'remove-islands', label: 'Islands' },
  { op: 'smooth', label: 'Smooth' },
  { op: 'grow', label: 'Grow mm' },
  { op: 'shrink', label: 'Shrink mm' },
  { op: 'interpolate', label: 'Interpolate' },
];

/** Edit tools, brush size, threshold preset, mask operations, undo/redo and the progress of slow operations. */
export function SegmentToolbar() {
  const c = useFields(
    useCaseStore,
    'brushRadiusMm',
    'job',
    'lastNote',
    'morphMm',
    'saveState',
    'setBrushRadius',
    'setMorphMm',
    'setThresholdPreset',
    'setTool',
    'thresholdPreset',
    'tool',
  );
  const preset = THRESHOLD_PRESETS.find((p) => p.id === c.thresholdPreset);
  // Joined to a string so the selector's value compares equal between renders.
  const openPhases = useStudyStore((s) => s.viewerSeries.map((v) => v.phase.label).join(' ')).split(' ');
  return (
    <div className="segment-toolbar" role="toolbar" aria-label="Segmentation tools">
      <div className="group">
        {TOOLS.map((t) => (
          <button
            key={t.id}
            data-testid={`tool-${t.id}`}
            title={titleWithKey(t)}
            aria-pressed={c.tool === t.id}
            className={c.tool === t.id ? 'on' : ''}
            onClick={() => c.setTool(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="group">
        <label title="Brush radius ([ and ])">
          r{' '}
          <input
            type="number"
            data-testid="brush-radius"
            min={0.5}
            max={50}
            step={0.5}
            value={c.brushRadiusMm}
            onChange={(e) => c.setBrushRadius(Number(e.target.value))}
          />{' '}
          mm
        </label>
        <select
          data-testid="threshold-preset"
          value={c.thresholdPreset}
          title={preset ? presetTitle(preset, openPhases) : ''}
          onChange={(e) => c.setThresholdPreset(e.target.value as typeof c.thresholdPreset)}
        >
          {THRESHOLD_PRESETS.map((p) => (
            <option key={p.id} value={p.id} title={presetTitle(p, openPhases)}>
              {presetLabel(p, openPhases)}
            </option>
          ))}
        </select>
      </div>
      <div className="group">
        {OPS.map((o) => (
          <button key={o.op} data-testid={`op-${o.op}`} disabled={!!c.job} onClick={() => void maskOperation(o.op)}>
            {o.label}
          </button>
        ))}
        <input
          type="number"
          aria-label="Millimetres for grow, shrink and smoothing"
          min={0.5}
          max={30}
          step={0.5}
          value={c.morphMm}
          onChange={(e) => c.setMorphMm(Number(e.target.value))}
        />{' '}
        mm
      </div>
      <div className="group">
        <button data-testid="undo" title="Undo (Ctrl+Z)" onClick={undoEdit}>
          Undo
        </button>
        <button data-testid="redo" title="Redo (Ctrl+Shift+Z or Ctrl+Y)" onClick={redoEdit}>
          Redo
        </button>
        <button data-testid="save-case" title="Save (Ctrl+S)" onClick={() => void saveCase()}>
          Save
        </button>
        <button
          data-testid="import-labels"
          title="Add the segments of a DICOM SEG or NIfTI labelmap to the case (one undo step)"
          disabled={!!c.job}
          onClick={() => void importLabels()}
        >
          Import SEG / NIfTI…
        </button>
        <button
          data-testid="export-nifti"
          title="Write the case labelmap as .nii.gz with a JSON of label names and codes"
          onClick={() => void exportNifti()}
        >
          Export NIfTI…
        </button>
        <span className="save-state" data-testid="save-state">
          {c.saveState}
        </span>
      </div>
      {c.job && (
        <div className="job" data-testid="job-progress">
          {c.job.label} {Math.round(100 * c.job.fraction)}%
          <div className="progress">
            <div className="bar" style={{ width: `${100 * c.job.fraction}%` }} />
          </div>
          <button onClick={cancelJob}>Cancel</button>
        </div>
      )}
      {!c.job && c.lastNote && (
        <span className="note" data-testid="job-note">
          {c.lastNote}
        </span>
      )}
    </div>
  );
}
