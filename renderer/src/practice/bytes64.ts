import { unzlibSync, zlibSync } from 'fflate';
import { base64ToBytes, bytesToBase64 } from '../../../shared/ipc/base64';

/** zlib (fflate) then base64: how masks travel over IPC (the preview host transports JSON). */
export function zlibBase64(bytes: Uint8Array): string {
  return bytesToBase64(zlibSync(bytes, { level: 6 }));
}

export function unzlibBase64(text: string): Uint8Array {
  return unzlibSync(base64ToBytes(text));
}
