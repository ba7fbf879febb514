import { KEY_BINDINGS } from '../viewer/keyBindings';

/** The Segment tab's edit tools; the renderer's store holds one of these. */
export type EditTool =
  | 'none'
  | 'brush'
  | 'sphere-brush'
  | 'eraser'
  | 'sphere-eraser'
  | 'threshold-brush'
  | 'circle-scissors'
  | 'rect-scissors'
  | 'sphere-scissors'
  | 'fill'
  | 'freehand'
  | 'region-grow'
  | 'liver-seed'
  | 'lesion-click';

export type SegmentKeyAction =
  | { kind: 'tool'; tool: EditTool }
  | { kind: 'radius'; deltaMm: number }
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'save' };

export interface SegmentKeyBinding {
  /** KeyboardEvent.key, lower case for letters. */
  key: string;
  /** Ctrl (Cmd on macOS) held. */
  ctrl?: boolean;
  shift?: boolean;
  display: string;
  description: string;
  action: SegmentKeyAction;
}

/**
 * Segment tab keys as data: the workspace dispatches on this table and the ?
 * overlay lists it. Letters are chosen not to collide with the viewer's keys
 * (the test checks), so W/L presets, layouts and cine still work while editing.
 */
export const SEGMENT_KEY_BINDINGS: readonly SegmentKeyBinding[] = [
  { key: 'b', display: 'B', description: 'Brush (circle)', action: { kind: 'tool', tool: 'brush' } },
  { key: 'e', display: 'E', description: 'Eraser (circle)', action: { kind: 'tool', tool: 'eraser' } },
  {
    key: 't',
    display: 'T',
    description: 'Threshold brush (HU range of the preset)',
    action: { kind: 'tool', tool: 'threshold-brush' },
  },
  {
    key: 'f',
    display: 'F',
    description: 'Freehand outline fills the active segment',
    action: { kind: 'tool', tool: 'freehand' },
  },
  { key: 'g', display: 'G', description: 'Region grow from a click', action: { kind: 'tool', tool: 'region-grow' } },
  {
    key: 'l',
    display: 'L',
    description: 'Whole liver from one click (Shift-drag include, Alt-drag exclude)',
    action: { kind: 'tool', tool: 'liver-seed' },
  },
  {
    key: 'n',
    display: 'N',
    description: 'Lesion (nodule) from one click, or a drag across its long axis',
    action: { kind: 'tool', tool: 'lesion-click' },
  },
  {
    key: 'escape',
    display: 'Esc',
    description: 'Back to window/level on the left button',
    action: { kind: 'tool', tool: 'none' },
  },
  { key: '[', display: '[', description: 'Brush radius −1 mm', action: { kind: 'radius', deltaMm: -1 } },
  { key: ']', display: ']', description: 'Brush radius +1 mm', action: { kind: 'radius', deltaMm: 1 } },
  { key: 'z', ctrl: true, display: 'Ctrl+Z', description: 'Undo the last edit', action: { kind: 'undo' } },
  {
    key: 'z',
    ctrl: true,
    shift: true,
    display: 'Ctrl+Shift+Z',
    description: 'Redo',
    action: { kind: 'redo' },
  },
  { key: 'y', ctrl: true, display: 'Ctrl+Y', description: 'Redo', action: { kind: 'redo' } },
  { key: 's', ctrl: true, display: 'Ctrl+S', description: 'Save the case now', action: { kind: 'save' } },
];

/** The Segment binding for a key press, or undefined (Alt chords are never ours). */
export function segmentBindingFor(
  e: { key: string; ctrlKey?: boolean; metaKey?: boolean; shiftKey?: boolean; altKey?: boolean },
  bindings: readonly SegmentKeyBinding[] = SEGMENT_KEY_BINDINGS,
): SegmentKeyBinding | undefined {
  if (e.altKey) return undefined;
  const ctrl = Boolean(e.ctrlKey || e.metaKey);
  const key = e.key.toLowerCase();
  const exact = bindings.find((b) => b.key === key && Boolean(b.ctrl) === ctrl && Boolean(b.shift) === !!e.shiftKey);
  // Shift only matters where a binding asks for it: Shift+B is still the brush.
  return exact ?? bindings.find((b) => b.key === key && Boolean(b.ctrl) === ctrl && !b.shift);
}

/** Unmodified Segment keys that would hide a viewer key; the tests call this. */
export function keysShadowingViewer(bindings: readonly SegmentKeyBinding[] = SEGMENT_KEY_BINDINGS): string[] {
  const viewer = new Set(KEY_BINDINGS.map((b) => b.key.toLowerCase()));
  return bindings.filter((b) => !b.ctrl && viewer.has(b.key)).map((b) => b.key);
}
