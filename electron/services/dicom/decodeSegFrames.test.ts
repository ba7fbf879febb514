import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import charls from '@cornerstonejs/codec-charls/wasmjs';
import openjpeg from '@cornerstonejs/codec-openjpeg/wasmjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  nativeSegFrames,
  packBits,
  rleFrame,
  withEncodedFrames,
  type RawFrame,
} from '../../../shared/dicom/testing/encapsulateSeg';
import { writeInstance } from '../../../shared/dicom/writeInstance';
import { readSeg } from '../../../shared/seg/readSeg';
import { sampleMasks, smallSegInput } from '../../../shared/seg/testing/testSupport';
import { buildSegDataset, writeSeg } from '../../../shared/seg/writeSeg';
import type { Grid } from '../../../shared/volume/grid';
import { dciodvfyErrors, runTool } from '../../../tests/support/dicomTools';
import { importLabelFile } from '../labels/importLabelFile';
import { decodeSegFrames } from './decodeSegFrames';
import { TS } from './transferSyntax';

/**
 * SEG frames in every transfer syntax the standard allows for SEG, read back to
 * the voxel: 7 x 5 frames (35 bits, so native binary frames start mid-byte),
 * binary / fractional / 16-bit label map, compressed copies made by dcmtk where
 * it can (dcmconv, dcmcrle, dcmcjpls) and by the bundled codecs' own encoders
 * where it cannot (1-bit data, JPEG 2000).
 */
const grid: Grid = {
  dims: [7, 5, 6],
  spacing: [0.8, 0.7, 2.5],
  origin: [-3, -2, 10],
  direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
};
const masks = sampleMasks(grid);
const fractions = masks.map((m) => m.map((v, i) => (v ? (i % 2 ? 255 : 100) : 0)));
const dir = mkdtempSync(join(tmpdir(), 'lp-seg-ts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Encoder = new () => {
  getDecodedBuffer(info: object): Uint8Array;
  encode(): void;
  getEncodedBuffer(): Uint8Array;
  setDecompositions?(n: number): void;
};
let encoders: { jls: Encoder; j2k: Encoder };
beforeAll(async () => {
  const ls = (await charls()) as unknown as Record<string, Encoder>;
  const jp = (await openjpeg()) as unknown as Record<string, Encoder>;
  encoders = { jls: ls.JpegLSEncoder!, j2k: jp.J2KEncoder! };
});

function encode(kind: 'jls' | 'j2k', f: RawFrame, bitsPerSample: number): Uint8Array {
  const enc = new encoders[kind]();
  const info = { width: grid.dims[0], height: grid.dims[1], bitsPerSample, componentCount: 1, isSigned: false };
  enc.getDecodedBuffer({ ...info, isUsingColorTransform: false }).set(f.bytes);
  // OpenJPEG's default of 5 wavelet levels needs images larger than these 7 x 5 frames.
  enc.setDecompositions?.(1);
  enc.encode();
  return enc.getEncodedBuffer().slice();
}

const save = (name: string, bytes: Uint8Array) => {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
};
const dcmtk = (tool: string, args: string[], src: string, name: string) => {
  const out = join(dir, name);
  const r = runTool(tool, [...args, src, out]);
  if (r.status !== 0) throw new Error(`${tool}: ${r.out}`);
  return readFileSync(out);
};

async function readBack(bytes: Uint8Array) {
  return readSeg(bytes, grid, await decodeSegFrames(bytes));
}

const binary = save('binary.dcm', writeSeg(smallSegInput(grid, masks)));
const fractional = save('fractional.dcm', writeSeg(smallSegInput(grid, fractions, 'PROBABILITY')));

describe('readSeg + decodeSegFrames: binary SEG', () => {
  const variants: Array<[string, () => Uint8Array]> = [
    ['explicit little endian (frames start mid-byte)', () => readFileSync(binary)],
    ['implicit little endian (dcmconv +ti)', () => dcmtk('dcmconv', ['+ti'], binary, 'b-ti.dcm')],
    ['deflated (dcmconv +td)', () => dcmtk('dcmconv', ['+td'], binary, 'b-td.dcm')],
    [
      'RLE, each frame bit-packed from a byte boundary',
      () => {
        const { ds, frames } = nativeSegFrames(readFileSync(binary));
        return withEncodedFrames(
          ds,
          frames.map((f) => rleFrame(packBits(f.bytes))),
          TS.rle,
        );
      },
    ],
    [
      'RLE, one byte per pixel',
      () => {
        const { ds, frames } = nativeSegFrames(readFileSync(binary));
        return withEncodedFrames(
          ds,
          frames.map((f) => rleFrame(f.bytes)),
          TS.rle,
        );
      },
    ],
    [
      'JPEG-LS lossless',
      () => {
        const { ds, frames } = nativeSegFrames(readFileSync(binary));
        return withEncodedFrames(
          ds,
          frames.map((f) => encode('jls', f, 8)),
          TS.jpegLsLossless,
        );
      },
    ],
    [
      'JPEG 2000 lossless',
      () => {
        const { ds, frames } = nativeSegFrames(readFileSync(binary));
        return withEncodedFrames(
          ds,
          frames.map((f) => encode('j2k', f, 8)),
          TS.j2kLossless,
        );
      },
    ],
  ];
  it.each(variants)('%s', async (name, make) => {
    const bytes = make();
    const path = save(`binary-${name.replace(/\W+/g, '-')}.dcm`, bytes);
    const res = await readBack(bytes);
    expect(res.segmentationType).toBe('BINARY');
    masks.forEach((m, n) => expect(Array.from(res.masks[n]!.data)).toEqual(Array.from(m)));
    // dciodvfy cannot read deflated files; their native source is checked in the first case.
    if (!/deflated/.test(name)) expect(dciodvfyErrors(path)).toEqual([]);
  });

  it('JPEG 2000 frames in reverse order land where their positions say', async () => {
    const { ds, frames } = nativeSegFrames(readFileSync(binary));
    const pf = ds.PerFrameFunctionalGroupsSequence as unknown[];
    const order = pf.map((_, n) => n).reverse();
    const shuffled = { ...ds, PerFrameFunctionalGroupsSequence: order.map((n) => pf[n]) };
    const bytes = withEncodedFrames(
      shuffled,
      order.map((n) => encode('j2k', frames[n]!, 8)),
      TS.j2kLossless,
    );
    const res = await readBack(bytes);
    masks.forEach((m, n) => expect(Array.from(res.masks[n]!.data)).toEqual(Array.from(m)));
  });

  it('the app import (labels:import) takes a JPEG 2000 SEG', async () => {
    const { ds, frames } = nativeSegFrames(readFileSync(binary));
    const path = save(
      'import-j2k.dcm',
      withEncodedFrames(
        ds,
        frames.map((f) => encode('j2k', f, 8)),
        TS.j2kLossless,
      ),
    );
    const r = await importLabelFile(path, grid, '2.25.13');
    expect(r.format).toBe('seg');
    expect(r.segments.map((s) => s.name)).toEqual(['liver', 'metastasis', 'hepaticVein']);
  });

  it('refuses a frame that decodes short, naming it', async () => {
    const { ds, frames } = nativeSegFrames(readFileSync(binary));
    const bytes = withEncodedFrames(
      ds,
      frames.map((f, n) => rleFrame(n === 2 ? packBits(f.bytes).subarray(0, 2) : packBits(f.bytes))),
      TS.rle,
    );
    expect(() => readSeg(bytes, grid)).toThrow(/frame 3 decoded to 2 bytes/);
  });

  it('says which codec a reader without one would need', () => {
    const { ds, frames } = nativeSegFrames(readFileSync(binary));
    const bytes = withEncodedFrames(
      ds,
      frames.map((f) => encode('j2k', f, 8)),
      TS.j2kLossless,
    );
    expect(() => readSeg(bytes, grid)).toThrow(/JPEG 2000/);
  });
});

describe('readSeg + decodeSegFrames: fractional and label-map SEG', () => {
  const checkFractional = (res: Awaited<ReturnType<typeof readBack>>) => {
    expect(res.segmentationType).toBe('FRACTIONAL');
    fractions.forEach((m, n) =>
      m.forEach((v, i) => {
        expect(res.fractions![n]![i]).toBeCloseTo(v / 255, 5);
      }),
    );
  };
  it.each([
    ['RLE (dcmcrle)', 'dcmcrle', []],
    ['JPEG-LS lossless (dcmcjpls)', 'dcmcjpls', []],
    ['deflated (dcmconv +td)', 'dcmconv', ['+td']],
  ] as const)('%s', async (_name, tool, args) => {
    const bytes = dcmtk(tool, [...args], fractional, `f-${tool}.dcm`);
    checkFractional(await readBack(bytes));
    // dciodvfy cannot read deflated files.
    if (tool !== 'dcmconv') expect(dciodvfyErrors(join(dir, `f-${tool}.dcm`))).toEqual([]);
  });

  it('JPEG 2000 lossless (openjpeg encoder)', async () => {
    const { ds, frames } = nativeSegFrames(readFileSync(fractional));
    checkFractional(
      await readBack(
        withEncodedFrames(
          ds,
          frames.map((f) => encode('j2k', f, 8)),
          TS.j2kLossless,
        ),
      ),
    );
  });

  it('16-bit label map, RLE (dcmcrle)', async () => {
    const ds = buildSegDataset(smallSegInput(grid, masks, 'PROBABILITY'));
    const [nx, ny, nz] = grid.dims;
    const labels = new Uint16Array(nx * ny * nz);
    masks.forEach((m, n) => m.forEach((v, i) => v && (labels[i] = n === 2 ? 300 : n + 1)));
    (ds.SegmentSequence as Array<Record<string, unknown>>)[2]!.SegmentNumber = 300;
    const perFrame = Array.from({ length: nz }, (_, k) => ({
      FrameContentSequence: [{ DimensionIndexValues: [k + 1] }],
      PlanePositionSequence: [{ ImagePositionPatient: [grid.origin[0], grid.origin[1], grid.origin[2] + 2.5 * k] }],
    }));
    Object.assign(ds, {
      SOPClassUID: '1.2.840.10008.5.1.4.1.1.66.7',
      SegmentationType: 'LABELMAP',
      NumberOfFrames: nz,
      BitsAllocated: 16,
      BitsStored: 16,
      HighBit: 15,
      PerFrameFunctionalGroupsSequence: perFrame,
      PixelData: [labels.buffer],
      _vrMap: { PixelData: 'OW' },
    });
    delete ds.SegmentationFractionalType;
    delete ds.MaximumFractionalValue;
    const src = save('labelmap16.dcm', writeInstance(ds));
    const res = await readBack(dcmtk('dcmcrle', [], src, 'labelmap16-rle.dcm'));
    expect(res.segmentationType).toBe('LABELMAP');
    masks.forEach((_, n) => {
      const want = Array.from(labels, (l) => (l === (n === 2 ? 300 : n + 1) ? 1 : 0));
      expect(Array.from(res.masks[n]!.data)).toEqual(want);
    });
  });
});
