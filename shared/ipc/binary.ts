import { z } from 'zod';

/**
 * Raw bytes in a request or response. Electron carries them by structured clone; the preview
 * host's JSON-only binding encodes them in its bridge (tests/host), so product code on both
 * sides only ever sees Uint8Array.
 */
export function bytesSchema(maxBytes: number, what: string) {
  return z
    .custom<Uint8Array>((v) => v instanceof Uint8Array, { message: `${what} must be binary (Uint8Array)` })
    .refine((b) => b.byteLength <= maxBytes, `${what} is larger than ${Math.round(maxBytes / 2 ** 20)} MiB`);
}
