/** Base64 for bytes over IPC (the preview host transports JSON); chunked so huge arrays do not overflow the stack. */
export function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let n = 0; n < bytes.length; n += 0x8000) bin += String.fromCharCode(...bytes.subarray(n, n + 0x8000));
  return btoa(bin);
}

export function base64ToBytes(text: string): Uint8Array {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let n = 0; n < bin.length; n++) out[n] = bin.charCodeAt(n);
  return out;
}
