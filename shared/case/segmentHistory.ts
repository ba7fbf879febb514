import type { Segment } from './model';

/**
 * Undo/redo for segment-list edits (add, delete, rename, colour, visibility,
 * lock) as immutable snapshots: every edit replaces the list, so undo is a
 * pointer move. Voxel edits have their own memos in the labelmap layer; a
 * delete records the label so that layer can restore the voxels.
 */
export interface SegmentHistory {
  past: Segment[][];
  present: Segment[];
  future: Segment[][];
}

const LIMIT = 200;

export function createHistory(initial: Segment[] = []): SegmentHistory {
  return { past: [], present: initial, future: [] };
}

export function commit(h: SegmentHistory, next: Segment[]): SegmentHistory {
  return { past: [...h.past, h.present].slice(-LIMIT), present: next, future: [] };
}

export function undo(h: SegmentHistory): SegmentHistory {
  const prev = h.past[h.past.length - 1];
  if (!prev) return h;
  return { past: h.past.slice(0, -1), present: prev, future: [h.present, ...h.future] };
}

export function redo(h: SegmentHistory): SegmentHistory {
  const next = h.future[0];
  if (!next) return h;
  return { past: [...h.past, h.present], present: next, future: h.future.slice(1) };
}

export function updateSegment(list: Segment[], label: number, patch: Partial<Omit<Segment, 'label'>>): Segment[] {
  if (patch.name !== undefined) {
    const name = patch.name.trim();
    if (!name) throw new Error('A segment needs a name.');
    if (list.some((s) => s.label !== label && s.name === name))
      throw new Error(`Another segment is already called "${name}".`);
    patch = { ...patch, name };
  }
  return list.map((s) => (s.label === label ? { ...s, ...patch } : s));
}

export function removeSegment(list: Segment[], label: number): Segment[] {
  return list.filter((s) => s.label !== label);
}
