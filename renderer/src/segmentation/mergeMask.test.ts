import { describe, expect, it } from 'vitest';
import { clearLabel, maskOf, mergeMask } from './mergeMask';

describe('mergeMask', () => {
  const labels = Uint8Array.from([0, 1, 1, 2, 3, 0]);
  const mask = Uint8Array.from([1, 1, 0, 1, 1, 0]);

  it('lets a lesion take liver voxels but not locked or other segments', () => {
    const out = mergeMask(labels, mask, 2, { replace: false, locked: new Set([3]), overwritable: new Set([1, 3]) });
    expect([...out]).toEqual([2, 2, 1, 2, 3, 0]);
  });

  it('keeps other segments when the liver is written and clears the old liver on replace', () => {
    const out = mergeMask(labels, mask, 1, { replace: true, locked: new Set(), overwritable: new Set() });
    expect([...out]).toEqual([1, 1, 0, 2, 3, 0]);
  });

  it('extracts and clears one label', () => {
    expect([...maskOf(labels, 1)]).toEqual([0, 1, 1, 0, 0, 0]);
    expect([...clearLabel(labels, 1)]).toEqual([0, 0, 0, 2, 3, 0]);
  });
});
