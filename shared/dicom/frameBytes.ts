import dicomParser from 'dicom-parser';
import type { DataSet } from 'dicom-parser';

/**
 * The stored bytes of one frame of a dicom-parser dataset: a slice of native
 * pixel data, or the fragments of an encapsulated frame (by the Basic Offset
 * Table, else one fragment per frame, else by JPEG end-of-image markers).
 */
export function frameBytes(ds: DataSet, frame: number, frameSize: number, nFrames: number): Uint8Array {
  const el = ds.elements.x7fe00010!;
  if (!el.encapsulatedPixelData) {
    const start = el.dataOffset + frame * frameSize;
    if (start + frameSize > ds.byteArray.length)
      throw new Error(
        `truncated: frame ${frame + 1} needs bytes up to ${start + frameSize}, file has ${ds.byteArray.length}`,
      );
    return ds.byteArray.subarray(start, start + frameSize);
  }
  const fragments = el.fragments ?? [];
  if (nFrames === 1) return dicomParser.readEncapsulatedPixelDataFromFragments(ds, el, 0, fragments.length);
  if (!el.basicOffsetTable?.length && fragments.length === nFrames) {
    if (frame >= fragments.length) throw new Error(`frame ${frame + 1} missing: ${fragments.length} fragment(s)`);
    return dicomParser.readEncapsulatedPixelDataFromFragments(ds, el, frame, 1);
  }
  const bot = el.basicOffsetTable?.length ? el.basicOffsetTable : dicomParser.createJPEGBasicOffsetTable(ds, el);
  return dicomParser.readEncapsulatedImageFrame(ds, el, frame, bot);
}
