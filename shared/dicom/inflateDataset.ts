import { inflateSync } from 'fflate';

/**
 * dicom-parser `inflater` for the Deflated Explicit VR Little Endian transfer
 * syntax: keeps the file meta group, inflates the raw-deflated rest (fflate,
 * pure, so it runs in the renderer too).
 */
export function inflateDataset(bytes: Uint8Array, position: number): Uint8Array {
  const inflated = inflateSync(bytes.subarray(position));
  const out = new Uint8Array(position + inflated.length);
  out.set(bytes.subarray(0, position), 0);
  out.set(inflated, position);
  return out;
}
