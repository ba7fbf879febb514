import { unzlibSync, zlibSync } from 'fflate';

/** zlib (fflate) then base64: how masks travel over IPC (the preview host transports JSON). */
export function zlibBase64(bytes: Uint8Array): string {
  const packed = zlibSync(bytes, { level: 6 });
  let s = '';
  // Chunked: String.fromCharCode with one huge spread overflows the stack.
  for (let o = 0; o < packed.length; o += 0x8000) s += String.fromCharCode(...packed.subarray(o, o + 0x8000));
  return btoa(s);
}

export function unzlibBase64(text: string): Uint8Array {
  const bin = atob(text);
  const bytes = new Uint8Array(bin.length);
  for (let n = 0; n < bin.length; n++) bytes[n] = bin.charCodeAt(n);
  return unzlibSync(bytes);
}
