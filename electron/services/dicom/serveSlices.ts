import { readFile } from 'node:fs/promises';
import type { FileRegistry } from '../files/fileRegistry';
import { decodeInstance } from './decodeInstance';

/** Most slices one request may ask for: a request's reply stays a few tens of MB. */
export const MAX_SLICES_PER_REQUEST = 64;

const SAMPLE_TYPES = { int16: Int16Array, uint16: Uint16Array, float32: Float32Array } as const;

const ID = /^[A-Za-z0-9_-]{24}$/;

export interface SlicesReply {
  status: number;
  body: Uint8Array;
  contentType: string;
}

const refuse = (status: number, message: string): SlicesReply => ({
  status,
  body: new TextEncoder().encode(message),
  contentType: 'text/plain',
});

/**
 * Serves GET /slices/<id>,<id>,...?as=int16|uint16|float32 for the viewer: the registered single-frame
 * files decoded here (the codecs the CLI uses), rescaled to modality values (HU for CT), one
 * plane after the other in the order asked, as raw little-endian samples of the type asked. The viewer
 * writes them straight into its volume: no file is parsed, decoded or copied to a decoder worker
 * in the page, which took most of its loading time, and no second copy sits in an image cache.
 * The viewer asks for an integer type when the values it expects fit (sampleTypeFor); a value
 * that does not fit all the same is clamped to the type's range rather than wrapped.
 */
export async function serveSlices(url: URL, files: FileRegistry): Promise<SlicesReply> {
  const m = /^\/slices\/([A-Za-z0-9_,-]+)$/.exec(url.pathname);
  const ids = m ? m[1]!.split(',') : [];
  if (!ids.length || ids.some((id) => !ID.test(id))) return refuse(400, 'Malformed slice request');
  if (ids.length > MAX_SLICES_PER_REQUEST) return refuse(400, `At most ${MAX_SLICES_PER_REQUEST} slices per request`);
  const as = url.searchParams.get('as') ?? 'int16';
  const Out = SAMPLE_TYPES[as as keyof typeof SAMPLE_TYPES];
  if (!Out) return refuse(400, `Unknown sample type "${as}"`);
  const paths = ids.map((id) => files.resolve(id));
  if (paths.some((p) => !p)) return refuse(404, 'Unknown file id');
  let out: Int16Array | Uint16Array | Float32Array | null = null;
  let plane = 0;
  for (const [k, path] of paths.entries()) {
    let inst;
    try {
      const b = await readFile(path!);
      inst = await decodeInstance(new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
    } catch (e) {
      return refuse(
        422,
        `Image ${k + 1} of ${paths.length} could not be decoded: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
    if (inst.frames.length !== 1) return refuse(422, `Image ${k + 1} holds ${inst.frames.length} frames, not one`);
    const src = inst.frames[0]!;
    if (!out) {
      plane = inst.rows * inst.columns;
      out = new Out(plane * paths.length);
    } else if (inst.rows * inst.columns !== plane) {
      return refuse(422, `Image ${k + 1} is ${inst.columns}x${inst.rows}, unlike the others`);
    }
    const slope = inst.rescaleSlope;
    const icpt = inst.rescaleIntercept;
    const off = k * plane;
    if (!(out instanceof Float32Array)) {
      const [lo, hi] = out instanceof Int16Array ? [-32768, 32767] : [0, 65535];
      for (let i = 0; i < plane; i++) {
        const v = Math.round(src[i]! * slope + icpt);
        out[off + i] = v < lo ? lo : v > hi ? hi : v;
      }
    } else {
      for (let i = 0; i < plane; i++) out[off + i] = src[i]! * slope + icpt;
    }
  }
  return {
    status: 200,
    body: new Uint8Array(out!.buffer, out!.byteOffset, out!.byteLength),
    contentType: 'application/octet-stream',
  };
}
