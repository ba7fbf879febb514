import { patientToIndex, type Labelmap, type Vec3 } from '../volume/grid';

/** What a crossed label is to the radiologist planning a percutaneous path. */
export type CrossingCategory = 'vessel' | 'critical' | 'lung' | 'bowel';

export interface PathSegmentInfo {
  label: number;
  name: string;
  kind: string;
}

export interface PathCrossing {
  label: number;
  name: string;
  category: CrossingCategory;
  /** Distance from the entry (mm) where the path first enters the label. */
  fromEntryMm: number;
  /** Length of path (mm) inside the label, summed over every pass. */
  lengthMm: number;
}

/** Bowel and lung have no kind of their own in the case model: recognised by name. */
const BOWEL = /colon|bowel|duoden|stomach|jejun|ileum|intestin|gastr/i;
const LUNG = /lung|pleura/i;

/** The warning category of a segment, or null when crossing it raises no warning. */
export function crossingCategory(s: PathSegmentInfo): CrossingCategory | null {
  if (LUNG.test(s.name)) return 'lung';
  if (BOWEL.test(s.name)) return 'bowel';
  if (s.kind === 'vessel') return 'vessel';
  if (s.kind === 'critical') return 'critical';
  return null;
}

/**
 * Labels of concern that the straight entry-to-tip path passes through. The segment is sampled
 * in patient space at a quarter of the finest voxel spacing and each sample reads its nearest
 * voxel, so a thin vessel on an anisotropic grid is not stepped over.
 */
export function findPathCrossings(
  entry: Vec3,
  tip: Vec3,
  labelmap: Labelmap,
  segments: PathSegmentInfo[],
): PathCrossing[] {
  const { grid, data } = labelmap;
  const [nx, ny, nz] = grid.dims;
  const length = Math.hypot(tip[0] - entry[0], tip[1] - entry[1], tip[2] - entry[2]);
  const step = Math.min(...grid.spacing) / 4;
  const n = Math.max(1, Math.ceil(length / step));
  const bySegment = new Map(segments.map((s) => [s.label, s]));
  const found = new Map<number, PathCrossing>();
  for (let s = 0; s <= n; s++) {
    const t = s / n;
    const p: Vec3 = [
      entry[0] + t * (tip[0] - entry[0]),
      entry[1] + t * (tip[1] - entry[1]),
      entry[2] + t * (tip[2] - entry[2]),
    ];
    const [i, j, k] = patientToIndex(grid, p).map(Math.round) as Vec3;
    if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) continue;
    const label = data[i + nx * (j + ny * k)]!;
    if (!label) continue;
    const seg = bySegment.get(label);
    const category = seg && crossingCategory(seg);
    if (!seg || !category) continue;
    const rec = found.get(label);
    // Each sample stands for one step of path (half a step at either end).
    const w = (s === 0 || s === n ? 0.5 : 1) * (length / n);
    if (rec) rec.lengthMm += w;
    else found.set(label, { label, name: seg.name, category, fromEntryMm: t * length, lengthMm: w });
  }
  return [...found.values()].sort((a, b) => a.fromEntryMm - b.fromEntryMm);
}
