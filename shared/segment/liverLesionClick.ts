import type { Grid } from '../volume/grid';
import { IntStack } from './intStack';

/**
 * Where the grow starts when the click lies in a tumour rather than in parenchyma: the voxels
 * just outside the tumour round the click that read as parenchyma. The tumour is the 6-connected
 * flood from the click through values that pass `through` (lesion-like: neither parenchyma nor
 * fat or bone) within radiusMm of the click; its rim voxels whose value passes `parenchyma` are
 * returned. Empty when the click itself does not pass `through`.
 */
export function lesionRim(
  values: ArrayLike<number>,
  grid: Grid,
  click: number,
  through: (v: number) => boolean,
  radiusMm: number,
  parenchyma: (v: number) => boolean,
): number[] {
  const [nx, ny, nz] = grid.dims;
  const [sx, sy, sz] = grid.spacing;
  const plane = nx * ny;
  if (!through(values[click]!)) return [];
  const ci = click % nx;
  const cj = Math.floor(click / nx) % ny;
  const ck = Math.floor(click / plane);
  const r2 = radiusMm * radiusMm;
  const seen = new Set<number>([click]);
  const rim = new Set<number>();
  const stack = new IntStack();
  stack.push(click);
  while (stack.length > 0) {
    const n = stack.pop();
    const i = n % nx;
    const j = ((n - i) / nx) % ny;
    const k = (n - i - nx * j) / plane;
    const visit = (m: number, a: number, b: number, c: number) => {
      if (a < 0 || b < 0 || c < 0 || a >= nx || b >= ny || c >= nz || seen.has(m)) return;
      if (((a - ci) * sx) ** 2 + ((b - cj) * sy) ** 2 + ((c - ck) * sz) ** 2 > r2) return;
      seen.add(m);
      const v = values[m]!;
      if (through(v)) stack.push(m);
      else if (parenchyma(v)) rim.add(m);
    };
    visit(n - 1, i - 1, j, k);
    visit(n + 1, i + 1, j, k);
    visit(n - nx, i, j - 1, k);
    visit(n + nx, i, j + 1, k);
    visit(n - plane, i, j, k - 1);
    visit(n + plane, i, j, k + 1);
  }
  return [...rim];
}
