import dicomParser from 'dicom-parser';
import { frameBytes } from '../../../shared/dicom/frameBytes';
import { inflateDataset } from '../../../shared/dicom/inflateDataset';
import { thrownMessage } from '../../../shared/dicom/thrownMessage';
import { codecFor } from './transferSyntax';
import { decodeCompressed } from './wasmCodecs';

/**
 * Frames of a SEG compressed with an image codec (JPEG 2000, HTJ2K, JPEG-LS,
 * JPEG lossless), decoded with the codecs the app bundles for images, in file
 * order, for readSeg's `decodedFrames`. Undefined when the frames are native,
 * deflated or RLE: readSeg reads those itself (pure, also in the CLI).
 */
export async function decodeSegFrames(bytes: Uint8Array): Promise<Uint8Array[] | undefined> {
  let ds;
  try {
    ds = dicomParser.parseDicom(bytes, { inflater: inflateDataset });
  } catch (e) {
    throw new Error(`readSeg: cannot parse (${thrownMessage(e)})`);
  }
  const ts = ds.string('x00020010') ?? '';
  const codec = codecFor(ts);
  if (codec === null) throw new Error(`readSeg: unsupported transfer syntax ${ts}`);
  if (codec === 'native' || codec === 'rle' || !ds.elements.x7fe00010) return undefined;
  const nFrames = Math.max(1, Number(ds.string('x00280008') ?? 1) || 1);
  const bytesPerSample = (ds.uint16('x00280100') ?? 8) === 16 ? 2 : 1;
  const frames: Uint8Array[] = [];
  for (let f = 0; f < nFrames; f++) {
    try {
      frames.push(await decodeCompressed(codec, frameBytes(ds, f, 0, nFrames), bytesPerSample));
    } catch (e) {
      throw new Error(`readSeg: frame ${f + 1} (${codec}) does not decode: ${thrownMessage(e)}`);
    }
  }
  return frames;
}
