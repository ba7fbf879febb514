import { useEffect } from 'react';
import { segmentBindingFor } from '../../../shared/segment/segmentKeys';
import { redoEdit, undoEdit } from './labelmapSession';

/**
 * Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y on the case's one undo history (voxel edits, segment changes,
 * applicators) in a workspace other than Segment, which binds them with its other keys.
 * Typing in a field keeps the field's own undo.
 */
export function useUndoKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (t && /^(INPUT|SELECT|TEXTAREA)$/.test(t.tagName)) return;
      const kind = segmentBindingFor(e)?.action.kind;
      if (kind !== 'undo' && kind !== 'redo') return;
      e.preventDefault();
      e.stopImmediatePropagation();
      if (kind === 'undo') undoEdit();
      else redoEdit();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
