import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import charls from '@cornerstonejs/codec-charls/wasmjs';
import openjpeg from '@cornerstonejs/codec-openjpeg/wasmjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSeriesVolume } from '../../electron/services/dicom/loadSeries';
import { TS } from '../../electron/services/dicom/transferSyntax';
import { makeSeries } from '../../shared/dicom/makeSeries';
import { nativeSegFrames, withEncodedFrames, type RawFrame } from '../../shared/dicom/testing/encapsulateSeg';
import { smallSegInput } from '../../shared/seg/testing/testSupport';
import { writeSeg } from '../../shared/seg/writeSeg';
import type { Grid } from '../../shared/volume/grid';
import { main } from '../main';

/**
 * A SEG whose frames are JPEG 2000 or JPEG-LS (as PACS archives re-encode them) read by the CLI
 * to the voxel: `volumetry --labels` (loadCaseLabels) and `compare` (loadMask) decode the frames
 * with the codecs the app bundles, as the app's import does.
 */
type Encoder = new () => {
  getDecodedBuffer(info: object): Uint8Array;
  encode(): void;
  getEncodedBuffer(): Uint8Array;
  setDecompositions?(n: number): void;
};
let encoders: { jls: Encoder; j2k: Encoder };
let grid: Grid;
const dir = mkdtempSync(join(tmpdir(), 'lp-vol-codec-'));
const inBlock = (i: number, j: number, k: number, lo: number, hi: number) =>
  i >= lo && i < hi && j >= lo && j < hi && k >= lo && k < hi;

beforeAll(async () => {
  const ls = (await charls()) as unknown as Record<string, Encoder>;
  const jp = (await openjpeg()) as unknown as Record<string, Encoder>;
  encoders = { jls: ls.JpegLSEncoder!, j2k: jp.J2KEncoder! };
  const files = makeSeries({
    rows: 8,
    columns: 8,
    slices: 8,
    pixelSpacing: [0.8, 0.7],
    sliceStep: 2.5,
    rescaleIntercept: -1024,
    signed: true,
    value: (i, j, k) => (inBlock(i, j, k, 3, 5) ? 1200 : inBlock(i, j, k, 2, 6) ? 1100 : 0),
  });
  for (const f of files) writeFileSync(join(dir, f.name), f.bytes);
  grid = (await loadSeriesVolume(dir)).volume.grid;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function encode(kind: 'jls' | 'j2k', f: RawFrame): Uint8Array {
  const enc = new encoders[kind]();
  const info = { width: grid.dims[0], height: grid.dims[1], bitsPerSample: 8, componentCount: 1, isSigned: false };
  enc.getDecodedBuffer({ ...info, isUsingColorTransform: false }).set(f.bytes);
  // OpenJPEG's default of 5 wavelet levels needs frames larger than 8 x 8.
  enc.setDecompositions?.(1);
  enc.encode();
  return enc.getEncodedBuffer().slice();
}

/** Liver: the 4^3 block minus its 2^3 core (56 voxels); metastasis: the core (8 voxels). */
function nativeSeg(): Uint8Array {
  const [nx, ny, nz] = grid.dims;
  const liver = new Uint8Array(nx * ny * nz);
  const tumour = new Uint8Array(nx * ny * nz);
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        const v = i + nx * (j + ny * k);
        if (inBlock(i, j, k, 3, 5)) tumour[v] = 1;
        else if (inBlock(i, j, k, 2, 6)) liver[v] = 1;
      }
  return writeSeg(smallSegInput(grid, [liver, tumour]));
}

async function run(args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, { write: (s: string) => (out += s) }, { write: (s: string) => (err += s) });
  return { code, out, err };
}

describe('liverplan volumetry / compare on compressed SEGs', () => {
  it.each([
    ['JPEG 2000 lossless', 'j2k', TS.j2kLossless],
    ['JPEG-LS lossless', 'jls', TS.jpegLsLossless],
  ] as const)('%s: exact volumes, same as the native SEG', async (_name, kind, ts) => {
    const native = join(dir, 'native.dcm');
    writeFileSync(native, nativeSeg());
    const { ds, frames } = nativeSegFrames(nativeSeg());
    const compressed = join(dir, `${kind}.dcm`);
    writeFileSync(
      compressed,
      withEncodedFrames(
        ds,
        frames.map((f) => encode(kind, f)),
        ts,
      ),
    );

    const r = await run(['volumetry', '--image', dir, '--labels', compressed, '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    // stdout is the JSON alone: no decoder chatter before it.
    const got = JSON.parse(r.out);
    const voxelMm3 = 0.7 * 0.8 * 2.5;
    expect(got.segments.map((s: { voxels: number }) => s.voxels)).toEqual([56, 8]);
    expect(got.segments[0].volumeMl).toBe(Math.round(56 * voxelMm3) / 1000);
    expect(got.segments[1].volumeMl).toBe(Math.round(8 * voxelMm3) / 1000);
    expect(got.tumourBurdenPercent).toBe(12.5);
    expect(got.lesionCount).toBe(1);
    const fromNative = JSON.parse((await run(['volumetry', '--image', dir, '--labels', native, '--json'])).out);
    expect(got).toEqual(fromNative);

    // loadMask (compare, margin, segment --liver): the union of the segments, voxel for voxel.
    const cmp = await run(['compare', '--reference', native, '--test', compressed, '--json']);
    expect(cmp.code).toBe(0);
    expect(JSON.parse(cmp.out)).toMatchObject({ dice: 1 });
  });
});
