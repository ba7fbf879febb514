/** How many voxels of a mask are set. */
export function countVoxels(mask: ArrayLike<number>): number {
  let n = 0;
  for (let v = 0; v < mask.length; v++) if (mask[v]) n++;
  return n;
}
