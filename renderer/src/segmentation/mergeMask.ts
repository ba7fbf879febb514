/**
 * Writes a binary mask into a labelmap as one segment. Voxels of locked
 * segments never change. A liver result does not take voxels from other
 * segments (lesions inside it keep their label: the liver "including
 * lesions" is the union, see tumourBurdenFromMasks); any other segment may
 * take voxels from the liver, since lesions and vessels lie inside it.
 * replace: voxels of the segment outside the mask are cleared (a re-run).
 */
export function mergeMask(
  labels: Uint8Array,
  mask: Uint8Array,
  label: number,
  opts: { replace: boolean; locked: ReadonlySet<number>; overwritable: ReadonlySet<number> },
): Uint8Array {
  if (mask.length !== labels.length) throw new Error('mask does not match the labelmap');
  const out = labels.slice();
  for (let n = 0; n < out.length; n++) {
    const v = out[n]!;
    if (mask[n]) {
      if (v === 0 || (v !== label && opts.overwritable.has(v) && !opts.locked.has(v))) out[n] = label;
    } else if (opts.replace && v === label) out[n] = 0;
  }
  return out;
}

/** The voxels of one segment as a 0/1 mask. */
export function maskOf(labels: Uint8Array, label: number): Uint8Array {
  const out = new Uint8Array(labels.length);
  for (let n = 0; n < labels.length; n++) if (labels[n] === label) out[n] = 1;
  return out;
}

/** A copy with every voxel of the label cleared. */
export function clearLabel(labels: Uint8Array, label: number): Uint8Array {
  return labels.map((v) => (v === label ? 0 : v));
}
