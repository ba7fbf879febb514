/**
 * Convex hull (Andrew's monotone chain) of 2D points given as flat [x0, y0, x1, y1, ...];
 * returns hull vertex indices (into the point list) counter-clockwise.
 */
export function convexHull2d(xy: ArrayLike<number>): number[] {
  const n = xy.length / 2;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => xy[2 * a]! - xy[2 * b]! || xy[2 * a + 1]! - xy[2 * b + 1]!,
  );
  if (n < 3) return order;
  const cross = (o: number, a: number, b: number) =>
    (xy[2 * a]! - xy[2 * o]!) * (xy[2 * b + 1]! - xy[2 * o + 1]!) -
    (xy[2 * a + 1]! - xy[2 * o + 1]!) * (xy[2 * b]! - xy[2 * o]!);
  const hull: number[] = [];
  for (const p of order) {
    while (hull.length >= 2 && cross(hull[hull.length - 2]!, hull[hull.length - 1]!, p) <= 0) hull.pop();
    hull.push(p);
  }
  const lowerLen = hull.length + 1;
  for (let s = order.length - 2; s >= 0; s--) {
    const p = order[s]!;
    while (hull.length >= lowerLen && cross(hull[hull.length - 2]!, hull[hull.length - 1]!, p) <= 0) hull.pop();
    hull.push(p);
  }
  hull.pop();
  return hull;
}
