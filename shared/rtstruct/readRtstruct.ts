import type { NaturalDataset } from '../dicom/writeInstance';

export const RTSTRUCT_SOP_CLASS = '1.2.840.10008.5.1.4.1.1.481.3';

/** One planar contour: points in patient LPS millimetres, x y z interleaved. */
export interface RtContour {
  geometricType: string;
  points: Float64Array;
  /** SOP Instance UIDs of the images the contour was drawn on (ContourImageSequence). */
  imageUids: string[];
}

export interface RtRoi {
  number: number;
  name: string;
  /** ROIDisplayColor, when the file gives one. */
  color?: [number, number, number];
  /** RTROIInterpretedType (ORGAN, GTV, PTV, AVOIDANCE...). */
  interpretedType?: string;
  contours: RtContour[];
}

export interface RtStructureSet {
  label: string;
  frameOfReferenceUid: string;
  /** Series named in RTReferencedSeriesSequence (the images the contours were drawn on). */
  referencedSeriesUids: string[];
  rois: RtRoi[];
}

/**
 * Reads an RT Structure Set (dcmjs naturalized): ROI names and colours from
 * StructureSetROISequence / ROIContourSequence, contours as point lists.
 * Throws with a specific reason when the object is not a structure set.
 */
export function readRtstruct(ds: NaturalDataset): RtStructureSet {
  const sopClass = String(ds.SOPClassUID ?? '');
  if (sopClass && sopClass !== RTSTRUCT_SOP_CLASS && ds.Modality !== 'RTSTRUCT')
    throw new Error(`not an RT Structure Set (SOP class ${sopClass})`);
  const frames = seq(ds.ReferencedFrameOfReferenceSequence);
  const referencedSeriesUids = [
    ...new Set(
      frames
        .flatMap((f) => seq(f.RTReferencedStudySequence))
        .flatMap((s) => seq(s.RTReferencedSeriesSequence))
        .map((s) => text(s.SeriesInstanceUID))
        .filter(Boolean),
    ),
  ];
  const structure = seq(ds.StructureSetROISequence);
  if (!structure.length) throw new Error('the structure set has no ROIs (StructureSetROISequence is empty)');
  const contoursOf = new Map(seq(ds.ROIContourSequence).map((c) => [Number(c.ReferencedROINumber), c]));
  const typeOf = new Map(
    seq(ds.RTROIObservationsSequence).map((o) => [Number(o.ReferencedROINumber), text(o.RTROIInterpretedType)]),
  );
  const rois = structure.map((s): RtRoi => {
    const number = Number(s.ROINumber);
    const roiContour = contoursOf.get(number);
    const color = numbers(roiContour?.ROIDisplayColor);
    const interpretedType = typeOf.get(number);
    return {
      number,
      name: text(s.ROIName) || `ROI ${number}`,
      ...(color.length === 3 ? { color: color.map((v) => clampByte(v)) as [number, number, number] } : {}),
      ...(interpretedType ? { interpretedType } : {}),
      contours: seq(roiContour?.ContourSequence).map((c, n) => readContour(c, number, n)),
    };
  });
  return {
    label: text(ds.StructureSetLabel),
    frameOfReferenceUid:
      text(frames[0]?.FrameOfReferenceUID) || text(structure[0]?.ReferencedFrameOfReferenceUID) || '',
    referencedSeriesUids,
    rois,
  };
}

function readContour(c: NaturalDataset, roi: number, n: number): RtContour {
  const data = numbers(c.ContourData);
  if (data.length % 3 !== 0 || data.some((v) => !Number.isFinite(v)))
    throw new Error(`ROI ${roi} contour ${n + 1}: ContourData is not a list of x\\y\\z triplets`);
  return {
    geometricType: text(c.ContourGeometricType).toUpperCase(),
    points: Float64Array.from(data),
    imageUids: seq(c.ContourImageSequence)
      .map((i) => text(i.ReferencedSOPInstanceUID))
      .filter(Boolean),
  };
}

function seq(value: unknown): NaturalDataset[] {
  if (Array.isArray(value)) return value as NaturalDataset[];
  return value && typeof value === 'object' ? [value as NaturalDataset] : [];
}

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : v == null ? '' : String(v).trim());

/** DS / IS values as dcmjs gives them: a number, a string, or an array of either. */
function numbers(v: unknown): number[] {
  if (v == null) return [];
  const list = Array.isArray(v) ? v : typeof v === 'string' ? v.split('\\') : [v];
  return list.map((x) => Number(x));
}

const clampByte = (v: number) => Math.max(0, Math.min(255, Math.round(Number.isFinite(v) ? v : 0)));
