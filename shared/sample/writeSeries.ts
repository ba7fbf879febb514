import { writeInstance } from '../dicom/writeInstance';
import type { FileSink } from './fileSink';
import { imageDataset, type SeriesContext } from './imageDataset';

/**
 * Writes one synthesised volume as a folder of single-slice DICOM files on
 * ctx.grid (the headers' geometry), named IMnnnn.dcm head to feet as
 * scanners number them. Returns the SOP instance UIDs in slice (k) order.
 */
export async function writeSeries(
  ctx: SeriesContext,
  signal: Float32Array,
  folder: string,
  imageUid: (k: number) => string,
  sink: FileSink,
  onSlice?: (k: number) => void,
): Promise<string[]> {
  const { grid } = ctx;
  const ct = ctx.def.modality === 'CT';
  const nz = grid.dims[2];
  const sliceSize = grid.dims[0] * grid.dims[1];
  const uids: string[] = [];
  for (let k = 0; k < nz; k++) {
    const uid = imageUid(k);
    uids.push(uid);
    const slice = signal.subarray(k * sliceSize, (k + 1) * sliceSize);
    const pixels = ct ? new Int16Array(sliceSize) : new Uint16Array(sliceSize);
    const offset = ct ? 1024 : 0; // CT stores HU + 1024 (RescaleIntercept -1024)
    for (let p = 0; p < sliceSize; p++) pixels[p] = slice[p]! + offset;
    await sink(`${folder}/IM${String(nz - k).padStart(4, '0')}.dcm`, writeInstance(imageDataset(ctx, k, uid, pixels)));
    onSlice?.(k);
  }
  return uids;
}
