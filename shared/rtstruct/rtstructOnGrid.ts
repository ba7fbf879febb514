import { readInstance } from '../dicom/writeInstance';
import type { Grid } from '../volume/grid';
import { rasteriseContours, type RasterisedRoi } from './rasteriseContours';
import { readRtstruct, type RtStructureSet } from './readRtstruct';

/** An RTSTRUCT's ROIs filled onto a grid, in the shape of a labels file (shared/seg/labelFile). */
export interface RtstructOnGrid {
  grid: Grid;
  structureSet: RtStructureSet;
  segments: { number: number; name: string; colorRgb?: [number, number, number] }[];
  /** 0/1 mask of segments[index]; ROIs may overlap (a GTV inside its organ). */
  mask(index: number): Uint8Array;
  frameOfReferenceUid?: string;
  /** What the user should know about contours that could not be filled (after the masks were read). */
  notes(): string[];
}

/** Whether Part 10 bytes carry the RT Structure Set SOP class in their file meta. */
export function isRtstructFile(bytes: Uint8Array): boolean {
  const head = String.fromCharCode(...bytes.subarray(128, Math.min(bytes.length, 1024)));
  return head.startsWith('DICM') && /1\.2\.840\.10008\.5\.1\.4\.1\.1\.481\.3(?![.\d])/.test(head);
}

/**
 * Reads an RTSTRUCT and rasterises each ROI onto `grid` (rasteriseContours:
 * voxel centre inside the contour on its slice). Masks are filled on first use.
 */
export function readRtstructOnGrid(bytes: Uint8Array, grid: Grid): RtstructOnGrid {
  let set: RtStructureSet;
  try {
    set = readRtstruct(readInstance(bytes));
  } catch (e) {
    throw new Error(`RTSTRUCT: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!set.rois.some((r) => r.contours.length)) throw new Error('RTSTRUCT: no ROI has contours');
  const filled = new Map<number, RasterisedRoi>();
  const fill = (index: number) => {
    let r = filled.get(index);
    if (!r) filled.set(index, (r = rasteriseContours(set.rois[index]!.contours, grid)));
    return r;
  };
  return {
    grid,
    structureSet: set,
    segments: set.rois.map((r) => ({ number: r.number, name: r.name, ...(r.color ? { colorRgb: r.color } : {}) })),
    mask: (index) => fill(index).mask,
    ...(set.frameOfReferenceUid ? { frameOfReferenceUid: set.frameOfReferenceUid } : {}),
    notes: () => {
      const notes: string[] = [];
      set.rois.forEach((roi, index) => {
        const r = filled.get(index);
        if (!r) return;
        const left = [
          r.notClosed && `${r.notClosed} point or open contour(s) (no area)`,
          r.notParallel && `${r.notParallel} contour(s) not parallel to the image slices`,
          r.offGrid && `${r.offGrid} contour(s) beyond the first or last slice`,
        ].filter(Boolean);
        if (left.length) notes.push(`${roi.name}: left out ${left.join(', ')}.`);
      });
      return notes;
    },
  };
}
