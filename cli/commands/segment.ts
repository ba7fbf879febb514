import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import dcmjs from 'dcmjs';
import { loadSeriesVolume, type LoadedSeries } from '../../electron/services/dicom/loadSeries';
import { SEGMENT_CODES } from '../../shared/seg/codes';
import type { SegmentInfo } from '../../shared/seg/types';
import { writeSeg } from '../../shared/seg/writeSeg';
import { lesionFromClick } from '../../shared/segment/lesionFromClick';
import { liverFromSeed } from '../../shared/segment/liverFromSeed';
import { voxelsWithin } from '../../shared/segment/localMean';
import { flatIndex, patientToIndex, sameGrid, voxelVolumeMm3, type Grid, type Vec3 } from '../../shared/volume/grid';
import { decodeNifti, encodeNifti } from '../../shared/volume/nifti';
import { resampleScalar } from '../../shared/volume/resample';
import { loadMask } from '../loadMask';
import { CliError, type CliCommand } from './types';

const USAGE =
  'liverplan segment liver|lesion --image SERIES_DIR|IMAGE.nii[.gz] --seed X,Y,Z [--seed X,Y,Z ...]\n' +
  '  --out FILE.nii.gz|FILE.dcm [--phase SERIES_DIR|IMAGE.nii[.gz] ...] [--liver MASK_FILE] [--json]\n' +
  '  [--exclude X,Y,Z ...]  seeds are patient LPS millimetres. liver: the first seed is the click, further\n' +
  '  seeds are "liver" strokes, --exclude points "not liver" strokes (each a 3 mm ball).\n' +
  '  lesion: one lesion per --seed X,Y,Z (a click inside it) and per --line X1,Y1,Z1:X2,Y2,Z2 (a drag\n' +
  '  across its long axis on one slice; the length is the expected diameter), labelled 1.. in that order;\n' +
  '  --phase adds phases to choose the most conspicuous from (resampled onto the --image grid); --liver\n' +
  '  keeps the lesions inside the liver (a click outside it is segmented anyway and reported outsideLiver).';

/** Semi-automatic liver or lesion segmentation of a DICOM series from seed points. */
export const segmentCommand: CliCommand = {
  name: 'segment',
  summary: 'semi-automatic liver (one seed) or lesion (one click each) segmentation to NIfTI or SEG',
  usage: USAGE,
  async run(argv) {
    let values;
    let positionals: string[];
    try {
      ({ values, positionals } = parseArgs({
        args: joinSeedValues(argv),
        allowPositionals: true,
        options: {
          image: { type: 'string' },
          seed: { type: 'string', multiple: true },
          line: { type: 'string', multiple: true },
          exclude: { type: 'string', multiple: true },
          phase: { type: 'string', multiple: true },
          liver: { type: 'string' },
          out: { type: 'string' },
          json: { type: 'boolean' },
        },
      }));
    } catch (e) {
      throw new CliError((e as Error).message, 2);
    }
    const what = positionals[0];
    if ((what !== 'liver' && what !== 'lesion') || positionals.length > 1) throw new CliError(`usage: ${USAGE}`, 2);
    if (!values.image || !values.out) throw new CliError(`usage: ${USAGE}`, 2);
    if (what === 'liver' ? !values.seed?.length || values.line?.length : !values.seed?.length && !values.line?.length)
      throw new CliError(`usage: ${USAGE}`, 2);
    const out = values.out;
    const lower = out.toLowerCase();
    const asSeg = lower.endsWith('.dcm');
    if (!asSeg && !lower.endsWith('.nii') && !lower.endsWith('.nii.gz')) {
      throw new CliError(`--out ${out}: expected .nii, .nii.gz or .dcm`, 2);
    }
    const seedsLps = (values.seed ?? []).map(parsePoint);
    const linesLps = (values.line ?? []).map(parseLine);
    const loaded = await load(values.image);
    if (asSeg && !loaded.dicom)
      throw new CliError(`--out ${out}: a SEG names DICOM slices; a NIfTI --image gets NIfTI output`, 2);
    const { volume } = loaded;
    const grid = volume.grid;
    const seeds = seedsLps.map((p) => toVoxel(grid, p));
    const t0 = performance.now();
    const labels = new Uint8Array(volume.data.length);
    const results: {
      label: number;
      seedLps: Vec3;
      lineLps?: [Vec3, Vec3];
      voxels: number;
      volumeMl: number;
      phase?: string;
      outsideLiver?: boolean;
    }[] = [];
    if (what === 'liver') {
      if (values.phase?.length) throw new CliError('--phase applies to lesion segmentation only', 2);
      // Each further seed and each --exclude point stands for a small brush stroke (a ball).
      const stroke = (n: number) => voxelsWithin(grid, n, STROKE_RADIUS_MM);
      const exclude = (values.exclude ?? []).map(parsePoint).map((p) => toVoxel(grid, p));
      const r = liverFromSeed(volume, {
        seed: seeds[0]!,
        include: seeds.slice(1).flatMap(stroke),
        exclude: exclude.flatMap(stroke),
      });
      labels.set(r.mask);
      results.push({ label: 1, seedLps: seedsLps[0]!, voxels: r.voxelCount, volumeMl: ml(r.voxelCount, grid) });
    } else {
      // Clicks first, then drags: label n + 1 for the n-th of them.
      const inputs = [
        ...seeds.map((click, n) => ({ click, line: undefined, lps: seedsLps[n]!, lineLps: undefined })),
        ...linesLps.map((ends) => {
          const line = ends.map((p) => toVoxel(grid, p)) as [number, number];
          const mid = [0, 1, 2].map((a) => (ends[0][a]! + ends[1][a]!) / 2) as Vec3;
          return { click: undefined, line, lps: mid, lineLps: ends };
        }),
      ];
      if (inputs.length > 255) throw new CliError('at most 255 lesions per run');
      const phases = [volume];
      const phaseNames = [loaded.name];
      for (const dir of values.phase ?? []) {
        const extra = await load(dir);
        // Two NIfTI files state no frame of reference (null): both are taken to be in one space.
        if (extra.frameOfReferenceUid !== loaded.frameOfReferenceUid) {
          throw new CliError(`${dir}: different frame of reference from --image (register first)`);
        }
        phases.push(sameGrid(extra.volume.grid, grid) ? extra.volume : resampleScalar(extra.volume, grid, -1024));
        phaseNames.push(extra.name);
      }
      const liverMask = values.liver ? (await loadMask(values.liver, grid)).mask : undefined;
      inputs.forEach((input, n) => {
        let r;
        try {
          r = lesionFromClick(phases, { click: input.click, line: input.line, liverMask });
        } catch (e) {
          const where = input.lineLps ? `--line ${values.line![n - seeds.length]}` : `--seed ${values.seed![n]}`;
          throw new CliError(`${where}: ${(e as Error).message}`);
        }
        let voxels = 0;
        for (let v = 0; v < r.mask.length; v++) {
          if (r.mask[v] && !labels[v]) {
            labels[v] = n + 1;
            voxels++;
          }
        }
        results.push({
          label: n + 1,
          seedLps: input.lps,
          ...(input.lineLps ? { lineLps: input.lineLps } : {}),
          voxels,
          volumeMl: ml(voxels, grid),
          phase: phaseNames[r.phaseIndex],
          outsideLiver: r.outsideLiver,
        });
      });
    }
    const seconds = (performance.now() - t0) / 1000;
    if (loaded.dicom && asSeg) writeFileSync(out, segBytes(loaded.dicom, labels, what, results.length));
    else
      writeFileSync(
        out,
        encodeNifti({ grid, data: labels }, { gzip: lower.endsWith('.gz'), description: `LiverPlan ${what}` }),
      );
    const json = { what, out, seconds: Math.round(seconds * 100) / 100, segments: results };
    const text = [
      ...results.map(
        (r) =>
          `${what} ${r.label}: ${r.volumeMl.toFixed(1)} mL (${r.voxels} voxels)` +
          (r.phase ? ` on ${r.phase}` : '') +
          (r.outsideLiver ? ' - outside the --liver mask: add it to the liver?' : ''),
      ),
      `written ${out} in ${json.seconds} s (planning aid: review every contour)`,
    ].join('\n');
    return { json, text };
  },
};

/** What --image and --phase name: a DICOM series, or a NIfTI image (SEG output needs DICOM). */
interface LoadedImage {
  volume: LoadedSeries['volume'];
  name: string;
  /** Phases must share it; a NIfTI file states none (null). */
  frameOfReferenceUid: string | null;
  dicom: LoadedSeries | null;
}

async function load(path: string): Promise<LoadedImage> {
  try {
    if (/\.nii(\.gz)?$/i.test(path) && statSync(path).isFile()) {
      const volume = decodeNifti(new Uint8Array(readFileSync(path)));
      return { volume, name: basename(path), frameOfReferenceUid: null, dicom: null };
    }
    const dicom = await loadSeriesVolume(path);
    const { series } = dicom;
    return {
      volume: dicom.volume,
      name: series.description || series.seriesInstanceUid,
      frameOfReferenceUid: series.frameOfReferenceUid,
      dicom,
    };
  } catch (e) {
    throw new CliError(`${path}: ${(e as Error).message.split('\n')[0]}`);
  }
}

/** Radius (mm) of the stroke a point on the command line stands for. */
const STROKE_RADIUS_MM = 3;

/** LPS coordinates are often negative: `--seed -80,30,20` would read as an option to parseArgs. */
function joinSeedValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let n = 0; n < argv.length; n++) {
    if ((argv[n] === '--seed' || argv[n] === '--exclude' || argv[n] === '--line') && n + 1 < argv.length)
      out.push(`${argv[n]}=${argv[++n]}`);
    else out.push(argv[n]!);
  }
  return out;
}

function parsePoint(text: string): Vec3 {
  const parts = text.split(',').map((s) => Number(s.trim()));
  if (parts.length !== 3 || parts.some((v) => !Number.isFinite(v))) {
    throw new CliError(`--seed ${text}: expected X,Y,Z in millimetres`, 2);
  }
  return parts as Vec3;
}

/** A drag: two points X1,Y1,Z1:X2,Y2,Z2. */
function parseLine(text: string): [Vec3, Vec3] {
  const ends = text.split(':');
  if (ends.length !== 2) throw new CliError(`--line ${text}: expected X1,Y1,Z1:X2,Y2,Z2 in millimetres`, 2);
  try {
    return [parsePoint(ends[0]!), parsePoint(ends[1]!)];
  } catch {
    throw new CliError(`--line ${text}: expected X1,Y1,Z1:X2,Y2,Z2 in millimetres`, 2);
  }
}

function toVoxel(grid: Grid, p: Vec3): number {
  const q = patientToIndex(grid, p).map(Math.round) as Vec3;
  if (q.some((v, a) => v < 0 || v >= grid.dims[a]!)) {
    throw new CliError(`seed ${p.join(',')} lies outside the image (voxel ${q.join(',')})`);
  }
  return flatIndex(grid, ...q);
}

function ml(voxels: number, grid: Grid): number {
  return Math.round(((voxels * voxelVolumeMm3(grid)) / 1000) * 100) / 100;
}

/** A binary SEG referencing the --image series slice by slice (refused when it was resampled). */
function segBytes(loaded: LoadedSeries, labels: Uint8Array, what: 'liver' | 'lesion', count: number): Uint8Array {
  const { series, volume } = loaded;
  if (loaded.resampled)
    throw new CliError(`cannot write SEG: the series was resampled (${loaded.resampled}); use NIfTI`);
  if (series.planes.length !== volume.grid.dims[2])
    throw new CliError('cannot write SEG: multi-frame source; use NIfTI');
  const h = series.header;
  const segments: { info: SegmentInfo; mask: Uint8Array }[] = [];
  for (let n = 1; n <= count; n++) {
    const info: SegmentInfo =
      what === 'liver'
        ? {
            number: 1,
            label: 'Liver',
            coding: SEGMENT_CODES.liver,
            algorithmType: 'SEMIAUTOMATIC',
            algorithmName: 'LiverPlan liverFromSeed',
            colorRgb: [221, 130, 101],
          }
        : {
            number: n,
            label: `Lesion ${n}`,
            coding: SEGMENT_CODES.lesion,
            algorithmType: 'SEMIAUTOMATIC',
            algorithmName: 'LiverPlan lesionFromClick',
            colorRgb: [255, 200, 0],
          };
    segments.push({ info, mask: Uint8Array.from(labels, (v) => (v === n ? 1 : 0)) });
  }
  const now = new Date();
  const uid = () => dcmjs.data.DicomMetaDictionary.uid();
  return writeSeg({
    grid: volume.grid,
    source: {
      studyInstanceUid: h.studyInstanceUid,
      seriesInstanceUid: h.seriesInstanceUid,
      frameOfReferenceUid: series.frameOfReferenceUid,
      images: series.planes.map((p) => ({ sopClassUid: h.sopClassUid, sopInstanceUid: p.sopInstanceUid })),
      patient: { name: h.patientName, id: h.patientId },
      study: { date: h.studyDate, time: h.studyTime, description: h.studyDescription },
    },
    segments,
    seriesInstanceUid: uid(),
    sopInstanceUid: uid(),
    seriesNumber: 900,
    seriesDescription: `LiverPlan ${what} segmentation`,
    contentLabel: what.toUpperCase(),
    contentCreatorName: 'LiverPlan^CLI',
    contentDate: now.toISOString().slice(0, 10).replace(/-/g, ''),
    contentTime: now.toISOString().slice(11, 19).replace(/:/g, ''),
    manufacturer: 'LiverPlan',
  });
}
