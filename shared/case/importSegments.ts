import type { LabelFileOnGrid } from '../seg/labelFile';
import { guessSegmentTemplate } from './guessSegmentTemplate';
import type { Code, Segment } from './model';
import { newSegmentUid } from './segmentUid';

/** The case labelmap holds one byte per voxel. */
export const MAX_CASE_LABEL = 255;

/** A segment of an imported file, ready to become a case segment. */
export interface ImportedSegment {
  /** Its value in ComposedImport.labels (1..N, file order). */
  index: number;
  /** SEG SegmentNumber or NIfTI label value. */
  sourceNumber: number;
  name: string;
  kind: Segment['kind'];
  category: Code;
  type: Code;
  color: [number, number, number];
  /** Voxels it holds once overlaps are resolved. */
  voxels: number;
  /** Voxels it claimed that a later segment of the file took. */
  lostVoxels: number;
}

/** A whole file on the reference grid: one label per voxel, later segments winning overlaps. */
export interface ComposedImport {
  segments: ImportedSegment[];
  labels: Uint8Array;
  /** Voxels claimed by more than one segment of the file. */
  overlapVoxels: number;
  /** Segments with no voxel inside the grid (left out). */
  outside: string[];
}

const TISSUE: Code = { value: '85756007', scheme: 'SCT', meaning: 'Tissue' };
const ANATOMY: Code = { value: '91723000', scheme: 'SCT', meaning: 'Anatomical Structure' };
const PALETTE: [number, number, number][] = [
  [128, 174, 128],
  [241, 214, 145],
  [177, 122, 101],
  [111, 184, 210],
  [216, 101, 79],
  [221, 130, 101],
  [144, 238, 144],
  [192, 104, 88],
];

/**
 * Flattens a labels file into one label per voxel: segments are written in
 * file order, so where they overlap the later one wins (our labelmap holds one
 * segment per voxel). Kinds come from codes or names; colours from the file,
 * else the matching template, else a palette.
 */
export function composeImport(file: LabelFileOnGrid): ComposedImport {
  const n = file.grid.dims[0] * file.grid.dims[1] * file.grid.dims[2];
  const labels = new Uint8Array(n);
  const claimed = file.overlapping ? new Uint8Array(n) : null;
  const kept: { index: number; at: number }[] = [];
  const outside: string[] = [];
  let overlapVoxels = 0;
  file.segments.forEach((_, at) => {
    const mask = file.mask(at);
    if (!mask.some(Boolean)) {
      outside.push(file.segments[at]!.name);
      return;
    }
    const index = kept.length + 1;
    if (index > MAX_CASE_LABEL)
      throw new Error(`the file has more than ${MAX_CASE_LABEL} segments; a case holds at most ${MAX_CASE_LABEL}`);
    kept.push({ index, at });
    for (let v = 0; v < n; v++) {
      if (!mask[v]) continue;
      if (claimed) {
        if (claimed[v] === 1) overlapVoxels++;
        claimed[v] = claimed[v] ? 2 : 1;
      }
      labels[v] = index;
    }
  });
  if (!kept.length) throw new Error('no voxel of it lies inside the image (different position or patient space)');
  const voxels = new Float64Array(kept.length + 1);
  for (let v = 0; v < n; v++) voxels[labels[v]!]++;
  const segments = kept.map(({ index, at }) => {
    const s = file.segments[at]!;
    const template = guessSegmentTemplate(s.name, s.coding?.type, s.coding?.category);
    const claimedVoxels = countOnes(file.mask(at));
    return {
      index,
      sourceNumber: s.number,
      name: s.name.trim().slice(0, 64) || `Segment ${s.number}`,
      kind: template?.kind ?? 'other',
      category: s.coding?.category.value ? s.coding.category : (template?.category ?? ANATOMY),
      type: s.coding?.type.value ? s.coding.type : (template?.type ?? TISSUE),
      color: s.colorRgb ?? template?.color ?? PALETTE[(index - 1) % PALETTE.length]!,
      voxels: voxels[index]!,
      lostVoxels: claimedVoxels - voxels[index]!,
    };
  });
  return { segments, labels, overlapVoxels, outside };
}

function countOnes(mask: Uint8Array): number {
  let c = 0;
  for (let v = 0; v < mask.length; v++) c += mask[v]!;
  return c;
}

/**
 * Case segments for imported ones: the lowest free labels and names made
 * unique ("Liver" beside an existing "Liver" becomes "Liver (2)").
 * labelOf[index] is the case label of imported segment `index`.
 */
export function planImport(
  existing: Segment[],
  imported: ImportedSegment[],
): { added: Segment[]; labelOf: Uint8Array } {
  const usedLabels = new Set(existing.map((s) => s.label));
  const usedNames = new Set(existing.map((s) => s.name));
  const free = MAX_CASE_LABEL - usedLabels.size;
  if (imported.length > free)
    throw new Error(`the file has ${imported.length} segments but the case has room for ${free} more`);
  const labelOf = new Uint8Array(imported.length + 1);
  let next = 1;
  const added = imported.map((s) => {
    while (usedLabels.has(next)) next++;
    usedLabels.add(next);
    labelOf[s.index] = next;
    let name = s.name;
    for (let k = 2; usedNames.has(name); k++) name = `${s.name.slice(0, 58)} (${k})`;
    usedNames.add(name);
    return {
      label: next,
      name,
      kind: s.kind,
      category: s.category,
      type: s.type,
      color: s.color,
      visible: true,
      locked: false,
      uid: newSegmentUid(),
    } satisfies Segment;
  });
  return { added, labelOf };
}

/**
 * Writes the composed import into the case voxels: imported voxels replace
 * what was there except in locked segments. Returns the new voxels and how
 * many labelled voxels changed hands.
 */
export function mergeImport(
  voxels: Uint8Array,
  composed: Uint8Array,
  labelOf: Uint8Array,
  locked: ReadonlySet<number>,
): { voxels: Uint8Array; replaced: number; keptLocked: number } {
  if (voxels.length !== composed.length) throw new Error('the import does not match the case labelmap');
  const out = voxels.slice();
  let replaced = 0;
  let keptLocked = 0;
  for (let v = 0; v < out.length; v++) {
    const c = composed[v]!;
    if (!c) continue;
    const was = out[v]!;
    if (was && locked.has(was)) {
      keptLocked++;
      continue;
    }
    if (was) replaced++;
    out[v] = labelOf[c]!;
  }
  return { voxels: out, replaced, keptLocked };
}
