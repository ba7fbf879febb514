import type { Grid } from '../volume/grid';
import { IntStack } from './intStack';

/**
 * Where the grow starts when the click lies in a tumour rather than in parenchyma: the voxels
 * just outside the tumour round the click that read as parenchyma. The tumour is the 6-connected
 * flood from the click through values that pass `through` (lesion-like: neither parenchyma nor
 * fat or bone) within radiusMm of the click; its rim voxels whose value passes `parenchyma` are
 * returned. Empty when the click itself does not pass `through`.
 *
 * With `enclosedShare`, for a click that may lie in parenchyma as well as in a tumour: the rim
 * only when the flood stayed within radiusMm (the tumour is closed round) and at least that share
 * of the voxels it stopped at read as parenchyma (a tumour lies in the liver, not in fat). A
 * flood through parenchyma itself (its values taken for "lesion") runs on to the radius: empty.
 */
export function lesionRim(
  values: ArrayLike<number>,
  grid: Grid,
  click: number,
  through: (v: number) => boolean,
  radiusMm: number,
  parenchyma: (v: number) => boolean,
  enclosedShare?: number,
): number[] {
  const f = floodRim(values, grid, click, through, radiusMm, parenchyma);
  if (enclosedShare === undefined) return f.rim;
  const closed = f.escaped === 0 && f.rim.length > 0 && f.rim.length >= enclosedShare * (f.rim.length + f.other);
  return closed ? f.rim : [];
}

function floodRim(
  values: ArrayLike<number>,
  grid: Grid,
  click: number,
  through: (v: number) => boolean,
  radiusMm: number,
  parenchyma: (v: number) => boolean,
): { rim: number[]; escaped: number; other: number } {
  const [nx, ny, nz] = grid.dims;
  const [sx, sy, sz] = grid.spacing;
  const plane = nx * ny;
  if (!through(values[click]!)) return { rim: [], escaped: 0, other: 0 };
  const ci = click % nx;
  const cj = Math.floor(click / nx) % ny;
  const ck = Math.floor(click / plane);
  const r2 = radiusMm * radiusMm;
  const seen = new Set<number>([click]);
  const rim = new Set<number>();
  let escaped = 0;
  let other = 0;
  const stack = new IntStack();
  stack.push(click);
  while (stack.length > 0) {
    const n = stack.pop();
    const i = n % nx;
    const j = ((n - i) / nx) % ny;
    const k = (n - i - nx * j) / plane;
    const visit = (m: number, a: number, b: number, c: number) => {
      // The image's edge is no escape: a tumour may run out of a short series.
      if (a < 0 || b < 0 || c < 0 || a >= nx || b >= ny || c >= nz || seen.has(m)) return;
      if (((a - ci) * sx) ** 2 + ((b - cj) * sy) ** 2 + ((c - ck) * sz) ** 2 > r2) {
        if (through(values[m]!)) escaped++;
        return;
      }
      seen.add(m);
      const v = values[m]!;
      if (through(v)) stack.push(m);
      else if (parenchyma(v)) rim.add(m);
      else other++;
    };
    visit(n - 1, i - 1, j, k);
    visit(n + 1, i + 1, j, k);
    visit(n - nx, i, j - 1, k);
    visit(n + nx, i, j + 1, k);
    visit(n - plane, i, j, k - 1);
    visit(n + plane, i, j, k + 1);
  }
  return { rim: [...rim], escaped, other };
}
