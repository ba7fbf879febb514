const [TOP, RIGHT, BOTTOM, LEFT] = [0, 1, 2, 3];
/**
 * Edge pairs joined in a cell, by corner case (bit 0 top-left, 1 top-right,
 * 2 bottom-right, 3 bottom-left inside). Saddles (5, 10) keep diagonal voxels
 * apart: each inside corner is cut off on its own.
 */
const SEGMENTS: Record<number, [number, number][]> = {
  1: [[TOP, LEFT]],
  2: [[TOP, RIGHT]],
  3: [[LEFT, RIGHT]],
  4: [[RIGHT, BOTTOM]],
  5: [
    [TOP, LEFT],
    [RIGHT, BOTTOM],
  ],
  6: [[TOP, BOTTOM]],
  7: [[LEFT, BOTTOM]],
  8: [[BOTTOM, LEFT]],
  9: [[TOP, BOTTOM]],
  10: [
    [TOP, RIGHT],
    [BOTTOM, LEFT],
  ],
  11: [[RIGHT, BOTTOM]],
  12: [[LEFT, RIGHT]],
  13: [[TOP, RIGHT]],
  14: [[TOP, LEFT]],
};

/**
 * Closed outlines of a binary slice by marching squares at level 0.5 between
 * voxel centres. Each outline passes through the midpoints between inside and
 * outside centres, so filling it back by "centre inside the polygon" (the rule
 * rasteriseContours uses) gives the same voxels. Holes come out as their own
 * loops, which the even-odd rule turns back into holes.
 *
 * Hand-written: the Cornerstone contour utilities need its cache and viewport
 * metadata; this runs in shared/ for the CLI as well.
 *
 * Returns polygons in continuous voxel index coordinates (i, j interleaved),
 * without collinear points.
 */
export function sliceOutlines(slice: Uint8Array, nx: number, ny: number): Float64Array[] {
  const at = (i: number, j: number) => (i >= 0 && j >= 0 && i < nx && j < ny && slice[i + nx * j] ? 1 : 0);
  // Vertices on a doubled grid: (2i+1, 2j) is the midpoint of the edge (i,j)-(i+1,j); (2i, 2j+1) of (i,j)-(i,j+1).
  const W = 2 * nx + 4;
  const key = (X: number, Y: number) => (Y + 2) * W + (X + 2);
  const links = new Map<number, number[]>();
  const link = (a: number, b: number) => {
    (links.get(a) ?? links.set(a, []).get(a)!).push(b);
    (links.get(b) ?? links.set(b, []).get(b)!).push(a);
  };
  for (let j = -1; j < ny; j++)
    for (let i = -1; i < nx; i++) {
      const a = at(i, j);
      const b = at(i + 1, j);
      const c = at(i + 1, j + 1);
      const d = at(i, j + 1);
      const index = a | (b << 1) | (c << 2) | (d << 3);
      if (index === 0 || index === 15) continue;
      const edges = [
        key(2 * i + 1, 2 * j),
        key(2 * i + 2, 2 * j + 1),
        key(2 * i + 1, 2 * j + 2),
        key(2 * i, 2 * j + 1),
      ];
      for (const [p, q] of SEGMENTS[index]!) link(edges[p]!, edges[q]!);
    }

  // Every vertex has exactly two neighbours: walk each loop once.
  const seen = new Set<number>();
  const loops: Float64Array[] = [];
  for (const start of links.keys()) {
    if (seen.has(start)) continue;
    const loop: number[] = [];
    let prev = -1;
    let cur = start;
    while (!seen.has(cur)) {
      seen.add(cur);
      loop.push(cur);
      const [n0, n1] = links.get(cur)!;
      const next = n0 !== prev ? n0! : n1!;
      prev = cur;
      cur = next;
    }
    loops.push(withoutCollinear(loop.map((k) => [((k % W) - 2) / 2, (Math.floor(k / W) - 2) / 2] as const)));
  }
  return loops;
}

function withoutCollinear(points: (readonly [number, number])[]): Float64Array {
  const n = points.length;
  const kept: number[] = [];
  for (let p = 0; p < n; p++) {
    const [ax, ay] = points[(p + n - 1) % n]!;
    const [bx, by] = points[p]!;
    const [cx, cy] = points[(p + 1) % n]!;
    if ((bx - ax) * (cy - by) - (by - ay) * (cx - bx) !== 0) kept.push(bx, by);
  }
  return Float64Array.from(kept);
}
