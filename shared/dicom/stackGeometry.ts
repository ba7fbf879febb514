import type { Grid, Vec3 } from '../volume/grid';
import type { Finding } from './findings';
import { GEOMETRY_TOLERANCES as TOL } from './geometryTolerances';
import { cross, dot, normalize, sub } from './vec3';

/** One image plane of a stack (a single-frame instance or one frame of a multi-frame). */
export interface SlicePlane {
  position: Vec3;
  orientation: [number, number, number, number, number, number];
  /** [row spacing, column spacing] as in PixelSpacing. */
  pixelSpacing: [number, number];
  rows: number;
  columns: number;
}

/** How the stored slices map onto the regular grid the volume is given on. */
export interface StackGeometry {
  /** Input indices sorted by position along the normal (increasing). */
  order: number[];
  /** The regular grid of the volume (after resampling, when any). */
  grid: Grid;
  /** Distance (mm) of each sorted slice from the first, along the normal. */
  offsets: number[];
  /** In-plane offset (mm along row, column direction) of each sorted slice: gantry tilt shear. */
  shear: Array<[number, number]>;
  /** What loading must do to put the stored slices on `grid`. */
  resample: { shear: boolean; spacing: boolean };
  findings: Finding[];
  /** False when a finding refuses measurement (gaps, duplicates). */
  measurable: boolean;
}

const fmt = (v: number, d = 2) => Number(v.toFixed(d)).toString();

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Geometry of a stack of parallel, same-sized slices from ImagePositionPatient /
 * ImageOrientationPatient only: sorted along the normal, slice spacing from the
 * positions (never SliceThickness), gaps / duplicates / uneven steps / shear
 * (gantry tilt) reported as findings. Never assumes axial or uniform slices.
 */
export function stackGeometry(slices: SlicePlane[]): StackGeometry {
  if (slices.length === 0) throw new Error('stackGeometry: no slices');
  const first = slices[0]!;
  const o = first.orientation;
  const row = normalize([o[0], o[1], o[2]]);
  const col = normalize([o[3], o[4], o[5]]);
  const normal = normalize(cross(row, col));
  const along = slices.map((s) => dot(s.position, normal));
  const order = along.map((_, i) => i).sort((a, b) => along[a]! - along[b]! || a - b);
  const p0 = slices[order[0]!]!.position;
  const offsets = order.map((i) => along[i]! - along[order[0]!]!);
  const shear = order.map((i): [number, number] => {
    const d = sub(slices[i]!.position, p0);
    return [dot(d, row), dot(d, col)];
  });
  const findings: Finding[] = [];
  let measurable = true;
  const steps = offsets.slice(1).map((z, n) => z - offsets[n]!);
  const realSteps = steps.filter((s) => s >= TOL.duplicateMm);
  const step = realSteps.length ? median(realSteps) : 0;

  const dupes = steps.filter((s) => s < TOL.duplicateMm).length;
  if (dupes > 0) {
    measurable = false;
    findings.push({
      code: 'duplicate-positions',
      severity: 'error',
      message: `${dupes} slice(s) share a position with another slice; the stack cannot be measured as one volume.`,
    });
  }
  const same = (a: number, b: number) => Math.abs(a - b) <= Math.max(TOL.spacingRelative * b, TOL.spacingAbsoluteMm);
  // Missing slices leave a lone step of about a whole number of regular steps; a step that
  // repeats, or is no multiple (4 mm then 7 mm), is a change of protocol: non-uniform spacing.
  const isGap = (s: number, n: number) => {
    if (step <= 0 || s < TOL.gapFactor * step) return false;
    const ratio = s / step;
    if (Math.abs(ratio - Math.round(ratio)) > TOL.gapMultipleSlack) return false;
    return !(n > 0 && same(steps[n - 1]!, s)) && !(n + 1 < steps.length && same(steps[n + 1]!, s));
  };
  const gaps = steps.map((s, n) => ({ s, n })).filter(({ s, n }) => isGap(s, n));
  if (gaps.length > 0) {
    measurable = false;
    const missing = gaps.reduce((a, g) => a + Math.round(g.s / step) - 1, 0);
    const where = gaps
      .slice(0, 3)
      .map((g) => `${fmt(offsets[g.n]!)}-${fmt(offsets[g.n + 1]!)} mm`)
      .join(', ');
    findings.push({
      code: 'missing-slices',
      severity: 'error',
      message: `About ${missing} slice(s) missing (gap${gaps.length > 1 ? 's' : ''} at ${where} along the stack, normal step ${fmt(step)} mm); refused for measurement.`,
    });
  }
  const uneven =
    gaps.length === 0 &&
    realSteps.some((s) => Math.abs(s - step) > Math.max(TOL.spacingRelative * step, TOL.spacingAbsoluteMm));
  const span = offsets[offsets.length - 1]!;
  let nz = slices.length;
  let dz = slices.length > 1 ? span / (slices.length - 1) : 1;
  if (uneven) {
    nz = Math.round(span / step) + 1;
    dz = span / (nz - 1);
    findings.push({
      code: 'non-uniform-spacing',
      severity: 'warning',
      message: `Slice spacing is not uniform (steps ${stepRuns(realSteps, same)}); the volume is resampled to a regular grid of ${nz} slices every ${fmt(dz, 3)} mm.`,
    });
  }
  // Shear: in-plane drift of the slice origins per mm along the normal (gantry tilt).
  let tilted = false;
  if (span > 0) {
    const last = shear[shear.length - 1]!;
    const perMm = Math.hypot(last[0], last[1]) / span;
    const maxDev = Math.max(...shear.map((s) => Math.hypot(s[0], s[1])));
    if (perMm > TOL.shearPerMm || maxDev / span > TOL.shearPerMm) {
      tilted = true;
      const deg = (Math.atan(perMm) * 180) / Math.PI;
      findings.push({
        code: 'gantry-tilt',
        severity: 'warning',
        message: `Slices are sheared by ${fmt(deg)} deg (gantry tilt, from the slice positions); the volume is resampled onto an orthogonal grid (never stacked as is).`,
      });
    }
  }
  const grid: Grid = {
    dims: [first.columns, first.rows, nz],
    spacing: [first.pixelSpacing[1], first.pixelSpacing[0], dz || 1],
    origin: [...p0] as Vec3,
    direction: [...row, ...col, ...normal] as Grid['direction'],
  };
  return { order, grid, offsets, shear, resample: { shear: tilted, spacing: uneven }, findings, measurable };
}

/** The steps as runs in stack order, e.g. "4 mm x 20, 7 mm x 12" (at most six runs named). */
function stepRuns(steps: number[], same: (a: number, b: number) => boolean): string {
  const runs: { mm: number; count: number }[] = [];
  for (const s of steps) {
    const last = runs[runs.length - 1];
    if (last && same(s, last.mm)) last.count++;
    else runs.push({ mm: s, count: 1 });
  }
  const named = runs.slice(0, 6).map((r) => `${fmt(r.mm)} mm x ${r.count}`);
  return runs.length > 6 ? `${named.join(', ')}, ... ${runs.length} runs` : named.join(', ');
}
