/**
 * DICOM RLE Lossless (PS3.5 Annex G). Hand-written: it is a 64-byte header of
 * segment offsets plus PackBits per segment, and no maintained package
 * decodes it outside Cornerstone's browser loader. Segments hold the bytes of
 * each sample most-significant first; output is little-endian interleaved.
 * Pure, so the SEG reader in shared/ uses it too.
 *
 * Returns the pixels the segments actually held (at most `pixels`): a short
 * frame comes back short for the caller to refuse, never silently zero-padded.
 */
export function decodeRle(frame: Uint8Array, pixels: number, bytesPerSample: number, samples: number): Uint8Array {
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  if (frame.length < 64) throw new Error(`RLE: frame of ${frame.length} bytes has no 64-byte header`);
  const segments = view.getUint32(0, true);
  if (segments !== bytesPerSample * samples)
    throw new Error(`RLE: ${segments} segments, expected ${bytesPerSample * samples}`);
  const stride = bytesPerSample * samples;
  const out = new Uint8Array(pixels * stride);
  let produced = pixels;
  for (let s = 0; s < segments; s++) {
    const start = view.getUint32(4 + 4 * s, true);
    const end = s + 1 < segments ? view.getUint32(8 + 4 * s, true) : frame.length;
    const sample = Math.floor(s / bytesPerSample);
    const byteInSample = bytesPerSample - 1 - (s % bytesPerSample);
    const first = sample * bytesPerSample + byteInSample;
    let o = first;
    const stop = out.length;
    for (let p = start; p < end && o < stop;) {
      const n = (frame[p++]! << 24) >> 24; // signed header byte
      if (n >= 0) {
        for (let c = 0; c <= n && o < stop; c++, o += stride) out[o] = frame[p++]!;
      } else if (n > -128) {
        const v = frame[p++]!;
        for (let c = 0; c < 1 - n && o < stop; c++, o += stride) out[o] = v;
      }
    }
    produced = Math.min(produced, (o - first) / stride);
  }
  return produced < pixels ? out.subarray(0, produced * stride) : out;
}
