import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeSeries } from '../../../shared/dicom/makeSeries';
import { writeInstance } from '../../../shared/dicom/writeInstance';

export interface Seed {
  name: string;
  bytes: Uint8Array;
}

/** Files that together form one series (a folder to load). */
export interface SeriesSeed {
  name: string;
  files: Seed[];
}

/** An enhanced CT multi-frame: functional group sequences nested two deep, the structure scanners write. */
function enhancedMultiframe(): Uint8Array {
  const rows = 4;
  const columns = 3;
  const frames = 3;
  const px = new Int16Array(rows * columns * frames).map((_, n) => n * 7 - 40);
  const perFrame = Array.from({ length: frames }, (_, k) => ({
    PlanePositionSequence: [{ ImagePositionPatient: [-5, 10, -200 + 2.5 * k] }],
    FrameContentSequence: [{ InStackPositionNumber: k + 1 }],
  }));
  return writeInstance({
    SOPClassUID: '1.2.840.10008.5.1.4.1.1.2.1',
    SOPInstanceUID: '2.25.777.1',
    StudyInstanceUID: '2.25.777.2',
    SeriesInstanceUID: '2.25.777.3',
    FrameOfReferenceUID: '2.25.777.4',
    Modality: 'CT',
    PatientID: 'FUZZ',
    PatientName: 'Fuzz^Seed',
    Rows: rows,
    Columns: columns,
    NumberOfFrames: frames,
    BitsAllocated: 16,
    BitsStored: 12,
    HighBit: 11,
    PixelRepresentation: 1,
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    SharedFunctionalGroupsSequence: [
      {
        PlaneOrientationSequence: [{ ImageOrientationPatient: [1, 0, 0, 0, 0.8, -0.6] }],
        PixelMeasuresSequence: [{ PixelSpacing: [0.6, 0.9], SliceThickness: 2.5 }],
        PixelValueTransformationSequence: [{ RescaleSlope: 1, RescaleIntercept: -1024, RescaleType: 'HU' }],
      },
    ],
    PerFrameFunctionalGroupsSequence: perFrame,
    PixelData: [px.buffer],
    _vrMap: { PixelData: 'OW' },
  });
}

/** Re-encodes a file with a dcmtk tool; null when the tool is missing or refuses. */
function dcmtk(tool: string, args: string[], input: Uint8Array, dir: string): Uint8Array | null {
  const src = join(dir, `in-${tool}.dcm`);
  const dst = join(dir, `out-${tool}.dcm`);
  writeFileSync(src, input);
  try {
    execFileSync(tool, [...args, src, dst], { stdio: 'ignore', timeout: 10_000 });
    return new Uint8Array(readFileSync(dst));
  } catch {
    return null;
  }
}

/**
 * Small, valid seed files covering the import paths: explicit and implicit VR,
 * an oblique anisotropic slice, an enhanced multi-frame with nested sequences,
 * and (where dcmtk is installed) deflate, big endian, RLE, JPEG lossless and JPEG-LS.
 */
export function buildSeedCorpus(): { seeds: Seed[]; series: SeriesSeed[]; skipped: string[] } {
  const [slice] = makeSeries({
    rows: 6,
    columns: 5,
    slices: 1,
    pixelSpacing: [0.7, 0.9],
    orientation: [0.8, 0.6, 0, 0, 0, -1],
  });
  const seeds: Seed[] = [
    { name: 'explicit-le', bytes: slice!.bytes },
    { name: 'enhanced-multiframe', bytes: enhancedMultiframe() },
  ];
  const skipped: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'lp-fuzz-seeds-'));
  try {
    const variants: Array<[string, string, string[]]> = [
      ['implicit-le', 'dcmconv', ['+ti']],
      ['big-endian', 'dcmconv', ['+tb']],
      ['deflate', 'dcmconv', ['+td']],
      ['rle', 'dcmcrle', []],
      ['jpeg-lossless', 'dcmcjpeg', ['+el']],
      ['jpeg-ls', 'dcmcjpls', ['+el']],
      ['rle-multiframe', 'dcmcrle', []],
    ];
    for (const [name, tool, args] of variants) {
      const input = name.endsWith('multiframe') ? seeds[1]!.bytes : slice!.bytes;
      const out = dcmtk(tool, args, input, dir);
      if (out) seeds.push({ name, bytes: out });
      else skipped.push(`${name} (${tool} unavailable or failed)`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const oblique = makeSeries({
    rows: 6,
    columns: 5,
    slices: 4,
    pixelSpacing: [0.7, 0.9],
    sliceStep: 2.5,
    orientation: [0.8, 0.6, 0, 0, 0, -1],
  });
  const series: SeriesSeed[] = [
    { name: 'oblique-4-slices', files: oblique.map((f) => ({ name: f.name, bytes: f.bytes })) },
    { name: 'enhanced-multiframe+slice', files: [seeds[1]!, { name: 'extra', bytes: slice!.bytes }] },
  ];
  return { seeds, series, skipped };
}
