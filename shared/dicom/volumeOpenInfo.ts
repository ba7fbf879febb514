import type { Vec3 } from '../volume/grid';
import type { FrameGeometry, InstanceHeader } from './instanceHeader';

/**
 * What a viewer needs to build a series' volume before reading any pixel file: every plane's
 * position and the pixel format and rescale they all share. The scan has read every header
 * anyway; handing this over lets the viewer create the volume at once and stream the pixels
 * (first image sooner), instead of fetching every file's header again.
 */
export interface VolumeOpenInfo {
  modality: string;
  sopClassUid: string;
  rows: number;
  columns: number;
  /** Row cosines then column cosines. */
  orientation: [number, number, number, number, number, number];
  /** [row spacing, column spacing] as in PixelSpacing. */
  pixelSpacing: [number, number];
  /** ImagePositionPatient of each plane, in the series' sorted order. */
  positions: Vec3[];
  bitsAllocated: number;
  bitsStored: number;
  pixelRepresentation: number;
  samplesPerPixel: number;
  photometricInterpretation: string;
  rescaleSlope: number;
  rescaleIntercept: number;
  /** The first plane's default window [centre, width], or null without one. */
  window?: [number, number] | null;
}

interface PlaneLike {
  header: InstanceHeader;
  frame: number;
  geometry: FrameGeometry;
}

/**
 * The open info of a sorted stack, or null where the shortcut would not be exact: multi-frame
 * files, planes without geometry, or planes that differ in pixel format or rescale (then each
 * file's own header must be read, as before).
 */
export function volumeOpenInfo(planes: PlaneLike[]): VolumeOpenInfo | null {
  const first = planes[0];
  if (!first) return null;
  const h0 = first.header;
  const same = (h: InstanceHeader) =>
    h.numberOfFrames <= 1 &&
    h.rows === h0.rows &&
    h.columns === h0.columns &&
    h.bitsAllocated === h0.bitsAllocated &&
    h.bitsStored === h0.bitsStored &&
    h.pixelRepresentation === h0.pixelRepresentation &&
    h.samplesPerPixel === h0.samplesPerPixel &&
    h.photometricInterpretation === h0.photometricInterpretation &&
    h.rescaleSlope === h0.rescaleSlope &&
    h.rescaleIntercept === h0.rescaleIntercept;
  const positions: Vec3[] = [];
  for (const p of planes) {
    if (p.frame !== 0 || !same(p.header) || !p.geometry.position) return null;
    positions.push([...p.geometry.position] as Vec3);
  }
  const { orientation, pixelSpacing } = first.geometry;
  if (!orientation || !pixelSpacing) return null;
  return {
    modality: h0.modality,
    sopClassUid: h0.sopClassUid,
    rows: h0.rows,
    columns: h0.columns,
    orientation: [...orientation],
    pixelSpacing: [...pixelSpacing],
    positions,
    bitsAllocated: h0.bitsAllocated,
    bitsStored: h0.bitsStored,
    pixelRepresentation: h0.pixelRepresentation,
    samplesPerPixel: h0.samplesPerPixel,
    photometricInterpretation: h0.photometricInterpretation,
    rescaleSlope: h0.rescaleSlope,
    rescaleIntercept: h0.rescaleIntercept,
    window:
      Number.isFinite(h0.windowCenter) && Number.isFinite(h0.windowWidth) && h0.windowWidth! > 0
        ? [h0.windowCenter!, h0.windowWidth!]
        : null,
  };
}
