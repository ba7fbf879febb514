import { WL_PRESETS } from './wlPresets';

/**
 * Viewer key bindings as data: the handler dispatches on `action`, the help
 * overlay (? key) lists the same table, so the two cannot drift apart.
 * Keys follow OHIF's default hotkeys where OHIF has one (i invert, space
 * reset, up/down scroll, left/right change viewport, 1-9 W/L presets), else
 * Slicer's habits; ? shows the table.
 */
export type ViewerAction =
  | { kind: 'preset'; presetId: string }
  | { kind: 'reset' }
  | { kind: 'invert' }
  | { kind: 'cine' }
  | { kind: 'scroll'; delta: number }
  | { kind: 'layout'; layout: 'phases' | 'mpr' | 'single' | 'volume3d' }
  | { kind: 'crosshairs' }
  | { kind: 'syncVoi' }
  | { kind: 'nextViewport'; delta: 1 | -1 }
  | { kind: 'help' };

export interface KeyBinding {
  /** KeyboardEvent.key value (case-sensitive for letters, ' ' for space). */
  key: string;
  /** What the help overlay prints for the key. */
  display: string;
  group: 'Window/level' | 'Navigation' | 'Layout' | 'Tools' | 'Help';
  description: string;
  action: ViewerAction;
}

const presetKeys: KeyBinding[] = WL_PRESETS.slice(0, 9).map((p, n) => ({
  key: String(n + 1),
  display: String(n + 1),
  group: 'Window/level',
  description: `${p.label} window (W ${p.width} / L ${p.center})`,
  action: { kind: 'preset', presetId: p.id },
}));

export const KEY_BINDINGS: readonly KeyBinding[] = [
  ...presetKeys,
  { key: 'i', display: 'I', group: 'Window/level', description: 'Invert greyscale', action: { kind: 'invert' } },
  {
    key: 'w',
    display: 'W',
    group: 'Window/level',
    description: 'Toggle window/level sync across phases',
    action: { kind: 'syncVoi' },
  },
  {
    key: ' ',
    display: 'Space',
    group: 'Navigation',
    description: 'Reset view (zoom, pan, window)',
    action: { kind: 'reset' },
  },
  {
    key: 'ArrowUp',
    display: '↑',
    group: 'Navigation',
    description: 'Previous slice',
    action: { kind: 'scroll', delta: -1 },
  },
  {
    key: 'ArrowDown',
    display: '↓',
    group: 'Navigation',
    description: 'Next slice',
    action: { kind: 'scroll', delta: 1 },
  },
  {
    key: 'PageUp',
    display: 'Page Up',
    group: 'Navigation',
    description: '10 slices back',
    action: { kind: 'scroll', delta: -10 },
  },
  {
    key: 'PageDown',
    display: 'Page Down',
    group: 'Navigation',
    description: '10 slices on',
    action: { kind: 'scroll', delta: 10 },
  },
  { key: 'c', display: 'C', group: 'Navigation', description: 'Start or stop cine', action: { kind: 'cine' } },
  {
    key: 'ArrowRight',
    display: '→',
    group: 'Navigation',
    description: 'Next viewport becomes active',
    action: { kind: 'nextViewport', delta: 1 },
  },
  {
    key: 'ArrowLeft',
    display: '←',
    group: 'Navigation',
    description: 'Previous viewport becomes active',
    action: { kind: 'nextViewport', delta: -1 },
  },
  {
    key: 'p',
    display: 'P',
    group: 'Layout',
    description: 'Phases side by side',
    action: { kind: 'layout', layout: 'phases' },
  },
  {
    key: 'm',
    display: 'M',
    group: 'Layout',
    description: 'MPR of the active phase (axial, coronal, sagittal)',
    action: { kind: 'layout', layout: 'mpr' },
  },
  {
    key: 'o',
    display: 'O',
    group: 'Layout',
    description: 'One viewport (active phase)',
    action: { kind: 'layout', layout: 'single' },
  },
  {
    key: 'v',
    display: 'V',
    group: 'Layout',
    description: '3D volume rendering of the active phase',
    action: { kind: 'layout', layout: 'volume3d' },
  },
  {
    key: 'x',
    display: 'X',
    group: 'Tools',
    description: 'Crosshairs on/off (left drag moves them)',
    action: { kind: 'crosshairs' },
  },
  { key: '?', display: '?', group: 'Help', description: 'Show or hide this help', action: { kind: 'help' } },
];

/** Mouse bindings, listed in the help overlay (Cornerstone tool bindings mirror them). */
export const MOUSE_BINDINGS: readonly { display: string; description: string }[] = [
  { display: 'Left drag', description: 'Window/level (crosshairs when they are on)' },
  { display: 'Middle drag', description: 'Pan' },
  { display: 'Right drag', description: 'Zoom' },
  { display: 'Wheel', description: 'Scroll slices (all phases follow by patient position)' },
];

/** The binding for a key press; modifier chords are left to the app (Ctrl+digit = workspace). */
export function bindingFor(
  e: { key: string; ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean },
  bindings: readonly KeyBinding[] = KEY_BINDINGS,
): KeyBinding | undefined {
  if (e.ctrlKey || e.metaKey || e.altKey) return undefined;
  return (
    bindings.find((b) => b.key === e.key) ?? bindings.find((b) => b.key.length === 1 && b.key === e.key.toLowerCase())
  );
}

/** Keys bound twice would make one action unreachable; the tests call this. */
export function duplicateKeys(bindings: readonly KeyBinding[] = KEY_BINDINGS): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const b of bindings) (seen.has(b.key) ? dup : seen).add(b.key);
  return [...dup];
}
