/** Voxel classes of the feedback overlay (labelmap values). */
export const ERROR_MAP = { agree: 1, falsePositive: 2, falseNegative: 3 } as const;

/**
 * Feedback overlay: 1 where attempt and reference agree, 2 false positive (attempt only), 3 false
 * negative (reference only), 0 background. `ignore` voxels are left 0 (neither right nor wrong).
 */
export function errorMap(
  reference: ArrayLike<number>,
  attempt: ArrayLike<number>,
  ignore?: ArrayLike<number>,
): Uint8Array {
  const out = new Uint8Array(reference.length);
  for (let v = 0; v < out.length; v++) {
    if (ignore?.[v]) continue;
    const r = reference[v] ? 1 : 0;
    const a = attempt[v] ? 1 : 0;
    if (r && a) out[v] = ERROR_MAP.agree;
    else if (a) out[v] = ERROR_MAP.falsePositive;
    else if (r) out[v] = ERROR_MAP.falseNegative;
  }
  return out;
}

/** The voxels of one class as a 0/1 mask. */
export function classMask(map: Uint8Array, value: number): Uint8Array {
  const out = new Uint8Array(map.length);
  for (let v = 0; v < map.length; v++) if (map[v] === value) out[v] = 1;
  return out;
}
