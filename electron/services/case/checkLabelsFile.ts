import { Gunzip } from 'fflate';

export interface LabelsFileInfo {
  /** [nx, ny, nz] from the NIfTI header. */
  dims: [number, number, number];
  /** NIfTI datatype code (2 = uint8, 512 = uint16, ...). */
  datatype: number;
}

const CHUNK = 16 * 1024;

/**
 * Checks that bytes are a gzip-compressed NIfTI-1 or NIfTI-2 file whose size
 * matches its own header, without inflating the voxels: only the header is
 * decompressed and the gzip trailer (ISIZE) gives the full length. Returns
 * null with `reason` set when the bytes are not a usable labels.nii.gz.
 */
export function checkLabelsFile(bytes: Uint8Array): { info: LabelsFileInfo } | { reason: string } {
  if (bytes.length < 20 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return { reason: 'not gzip-compressed' };
  const parts: Uint8Array[] = [];
  let have = 0;
  const gunzip = new Gunzip((chunk) => {
    parts.push(chunk);
    have += chunk.length;
  });
  try {
    for (let at = 0; at < bytes.length && have < 544; at += CHUNK) {
      gunzip.push(bytes.subarray(at, Math.min(bytes.length, at + CHUNK)), at + CHUNK >= bytes.length);
    }
  } catch (e) {
    return { reason: `corrupt gzip stream (${e instanceof Error ? e.message : String(e)})` };
  }
  const head = new Uint8Array(have);
  let at = 0;
  for (const p of parts) {
    head.set(p, at);
    at += p.length;
  }
  if (head.length < 348) return { reason: 'too short for a NIfTI header' };
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  // The trailer's ISIZE is the uncompressed length modulo 2^32.
  const isize = new DataView(bytes.buffer, bytes.byteOffset + bytes.length - 4, 4).getUint32(0, true);
  for (const little of [true, false]) {
    const sizeofHdr = view.getInt32(0, little);
    if (sizeofHdr === 348) {
      const magic = String.fromCharCode(head[344]!, head[345]!, head[346]!);
      if (magic !== 'n+1' && magic !== 'ni1') return { reason: 'NIfTI-1 magic missing' };
      const dims: [number, number, number] = [
        view.getInt16(42, little),
        view.getInt16(44, little),
        Math.max(1, view.getInt16(46, little)),
      ];
      const datatype = view.getInt16(70, little);
      const bitpix = view.getInt16(72, little);
      const voxOffset = view.getFloat32(108, little);
      return sizeCheck(dims, datatype, bitpix, voxOffset, isize);
    }
    if (sizeofHdr === 540 && head.length >= 540) {
      const dims: [number, number, number] = [
        Number(view.getBigInt64(24, little)),
        Number(view.getBigInt64(32, little)),
        Math.max(1, Number(view.getBigInt64(40, little))),
      ];
      const datatype = view.getInt16(12, little);
      const bitpix = view.getInt16(14, little);
      const voxOffset = Number(view.getBigInt64(168, little));
      return sizeCheck(dims, datatype, bitpix, voxOffset, isize);
    }
  }
  return { reason: 'no NIfTI header (sizeof_hdr is neither 348 nor 540)' };
}

function sizeCheck(
  dims: [number, number, number],
  datatype: number,
  bitpix: number,
  voxOffset: number,
  isize: number,
): { info: LabelsFileInfo } | { reason: string } {
  if (dims.some((d) => !Number.isInteger(d) || d < 1)) return { reason: `invalid dimensions ${dims.join('x')}` };
  if (bitpix <= 0 || bitpix % 8 !== 0) return { reason: `unsupported bits per voxel ${bitpix}` };
  const expected = voxOffset + (dims[0] * dims[1] * dims[2] * bitpix) / 8;
  if (expected % 2 ** 32 !== isize) return { reason: `truncated or padded: header wants ${expected} bytes` };
  return { info: { dims, datatype } };
}
