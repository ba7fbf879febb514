/** Indices 0..n-1 ordered from the middle one (where a slice viewport opens) outwards, alternating sides. */
export function middleOutOrder(n: number): number[] {
  if (n <= 0) return [];
  const mid = Math.floor(n / 2);
  const order = [mid];
  for (let d = 1; order.length < n; d++) {
    if (mid + d < n) order.push(mid + d);
    if (mid - d >= 0) order.push(mid - d);
  }
  return order;
}
