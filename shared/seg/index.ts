/**
 * DICOM Segmentation reading and writing.
 *
 * - `writeSeg(input: WriteSegInput): Uint8Array` - binary (or fractional) SEG referencing the
 *   source series: Segment Sequence with SCT codes, ReferencedSeriesSequence, per-frame
 *   DerivationImage/SourceImage, PlanePosition, SegmentIdentification; passes dciodvfy.
 *   `buildSegDataset(input)` returns the dcmjs naturalized dataset instead of bytes.
 * - `readSeg(bytes, targetGrid?)`: BINARY, FRACTIONAL or LABELMAP SEG, any frame order,
 *   overlapping segments -> per-segment 0/1 masks (+ fractions), a combined labelmap and the
 *   segment metadata. With targetGrid, frames are resampled onto it through patient space.
 * - `SEGMENT_CODES`: codings for liver, vessels, gallbladder, Couinaud segments, lesions.
 */
export { writeSeg, buildSegDataset, SEGMENTATION_SOP_CLASS } from './writeSeg';
export type { WriteSegInput, SegSource } from './writeSeg';
export { readSeg } from './readSeg';
export type { ReadSegResult } from './readSeg';
export { SEGMENT_CODES, codeItem } from './codes';
export type { Code, SegmentCoding, SegmentKind } from './codes';
export type { SegmentInfo, AlgorithmType } from './types';
export { rgbToDicomLab, dicomLabToRgb } from './color';
