import { describe, expect, it, vi } from 'vitest';
import type { CaseDocument } from '../../../shared/case/model';
import { registerCasePart, resetCaseParts, restoreCaseParts, savedCaseParts, watchCaseParts } from './caseParts';

describe('case parts', () => {
  it('saves, restores, watches and resets every registered feature part, defaults for what a part leaves out', () => {
    let applicators: CaseDocument['applicators'] = [];
    const listeners = new Set<() => void>();
    registerCasePart('test-ablation', {
      save: () => ({ applicators }),
      restore: (doc) => {
        applicators = doc.applicators;
      },
      watch: (changed) => {
        listeners.add(changed);
        return () => listeners.delete(changed);
      },
      reset: () => {
        applicators = [];
      },
    });
    const previewReset = vi.fn();
    registerCasePart('test-preview', { reset: previewReset });

    const placed = [{ id: 'A1', entry: [0, 0, 0], tip: [0, 0, 10], deviceId: 'd', settingId: 's' }] as never;
    restoreCaseParts({ applicators: placed } as unknown as CaseDocument);
    expect(savedCaseParts()).toEqual({ applicators: placed });

    const changed = vi.fn();
    const off = watchCaseParts(changed);
    for (const l of listeners) l();
    expect(changed).toHaveBeenCalledTimes(1);
    off();
    expect(listeners.size).toBe(0);

    resetCaseParts({ viewerShown: true });
    expect(savedCaseParts()).toEqual({ applicators: [] });
    expect(previewReset).toHaveBeenCalledWith({ viewerShown: true });
  });
});
