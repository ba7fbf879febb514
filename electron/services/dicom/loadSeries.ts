import { open, readFile } from 'node:fs/promises';
import { buildStudyTree, type SeriesNode } from '../../../shared/dicom/buildStudyTree';
import type { ScalarVolume } from '../../../shared/volume/grid';
import { decodeInstance, type DecodedInstance } from './decodeInstance';
import { listFiles } from './listFiles';
import { resampleStack } from '../../../shared/dicom/resampleStack';
import { scanHeaders, type ScanProgress } from './scanHeaders';

export interface LoadOptions {
  /** Which series when the files hold several; default: the volume with most images. */
  seriesInstanceUid?: string;
  onProgress?: (p: ScanProgress & { stage: 'headers' | 'pixels' }) => void;
  signal?: AbortSignal;
  workers?: number;
}

export interface LoadedSeries {
  /** HU for CT (rescale applied); Int16Array when every value fits, else Float32Array. */
  volume: ScalarVolume;
  series: SeriesNode;
  /** Said to the user when the stored slices were resampled (tilt, uneven spacing). */
  resampled: string | null;
  seconds: number;
}

const IO_WINDOW = 16;

function pickSeries(all: SeriesNode[], uid?: string): SeriesNode {
  if (uid) {
    const s = all.find((x) => x.seriesInstanceUid === uid);
    if (!s) throw new Error(`series ${uid} not found among ${all.length} series`);
    return s;
  }
  const volumes = all.filter((s) => s.isVolume).sort((a, b) => b.imageCount - a.imageCount);
  if (!volumes[0])
    throw new Error(
      all.length
        ? `no series forms a volume (${all.map((s) => s.findings.map((f) => f.code).join('+') || s.imageCount + ' image(s)').join('; ')})`
        : 'no DICOM images found',
    );
  return volumes[0];
}

/**
 * Decodes a whole series from disk into a volume on its regular grid (LPS mm,
 * shared/volume/grid.ts conventions). Refuses series whose geometry findings
 * forbid measurement (gaps, duplicates) with the findings' own messages.
 */
export async function loadSeriesVolume(input: string | string[], opts: LoadOptions = {}): Promise<LoadedSeries> {
  const t0 = performance.now();
  const paths = Array.isArray(input) ? input : [input];
  const { files } = await listFiles(paths, opts.signal);
  const { headers } = await scanHeaders(files, {
    signal: opts.signal,
    // In-process header reads by default: faster than starting workers for one series.
    workers: opts.workers ?? 0,
    onProgress: (p) => opts.onProgress?.({ ...p, stage: 'headers' }),
  });
  const series = pickSeries(
    buildStudyTree(headers).studies.flatMap((s) => s.series),
    opts.seriesInstanceUid,
  );
  const refusal = series.findings.filter((f) => f.severity === 'error');
  if (refusal.length || !series.stack || !series.isVolume) {
    throw new Error(
      `series ${series.seriesNumber} "${series.description}" refused: ${refusal.map((f) => f.message).join(' ') || 'not a volume'}`,
    );
  }
  const stack = series.stack;
  const h = series.header;
  const plane = h.rows * h.columns;
  const n = series.planes.length;
  let data: Int16Array | Float32Array =
    Number.isInteger(h.rescaleSlope) && Number.isInteger(h.rescaleIntercept)
      ? new Int16Array(plane * n)
      : new Float32Array(plane * n);
  let min = Infinity;

  // Files are read a window ahead so disk latency overlaps decoding. Single-frame files are read
  // into a small ring of reused buffers (fresh buffers per file would pile up until the next GC
  // and push peak RSS well above the voxel bytes); multi-frame files are decoded once and cached.
  const uses = new Map<string, number>();
  for (const p of series.planes) uses.set(p.path, (uses.get(p.path) ?? 0) + 1);
  const multiFrame = [...uses.values()].some((u) => u > 1);
  const ring: Uint8Array[] = [];
  const cache = new Map<string, Promise<DecodedInstance>>();
  const fetch = (k: number) => {
    const path = series.planes[k]!.path;
    let d = cache.get(path);
    if (!d) {
      d = multiFrame
        ? readFile(path).then((b) => decodeInstance(new Uint8Array(b.buffer, b.byteOffset, b.byteLength)))
        : readInto(path, ring, k % IO_WINDOW).then(decodeInstance);
      d.catch(() => undefined); // surfaced when awaited below
      cache.set(path, d);
    }
    return d;
  };
  for (let k = 0; k < Math.min(IO_WINDOW, n); k++) fetch(k);
  for (let k = 0; k < n; k++) {
    opts.signal?.throwIfAborted();
    const ref = series.planes[k]!;
    let inst: DecodedInstance;
    try {
      inst = await fetch(k);
    } catch (e) {
      throw new Error(`${ref.path}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const left = uses.get(ref.path)! - 1;
    uses.set(ref.path, left);
    if (left === 0) cache.delete(ref.path);
    const src = inst.frames[ref.frame];
    if (!src || inst.rows !== h.rows || inst.columns !== h.columns)
      throw new Error(`${ref.path}: frame ${ref.frame + 1} missing or of a different size`);
    // The header's rescale includes enhanced multi-frame functional groups.
    const slope = h.rescaleSlope;
    const icpt = h.rescaleIntercept;
    const off = k * plane;
    if (data instanceof Int16Array) {
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = 0; i < plane; i++) {
        const v = src[i]! * slope + icpt;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
        data[off + i] = v;
      }
      if (lo < -32768 || hi > 32767) {
        data = Float32Array.from(data); // rare: widen once, then redo this slice
        for (let i = 0; i < plane; i++) data[off + i] = src[i]! * slope + icpt;
      }
      if (lo < min) min = lo;
    } else {
      for (let i = 0; i < plane; i++) {
        const v = src[i]! * slope + icpt;
        data[off + i] = v;
        if (v < min) min = v;
      }
    }
    if (k + IO_WINDOW < n) fetch(k + IO_WINDOW);
    opts.onProgress?.({ stage: 'pixels', done: k + 1, total: n });
  }
  let volume: ScalarVolume = { grid: stack.grid, data };
  let resampled: string | null = null;
  if (stack.resample.shear || stack.resample.spacing) {
    volume = resampleStack(data, stack, min);
    resampled = series.findings
      .filter((f) => f.code === 'gantry-tilt' || f.code === 'non-uniform-spacing')
      .map((f) => f.message)
      .join(' ');
  }
  return { volume, series, resampled, seconds: (performance.now() - t0) / 1000 };
}

/** Reads a whole file into ring[slot], growing that buffer only when a file is larger. */
async function readInto(path: string, ring: Uint8Array[], slot: number): Promise<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    if (!ring[slot] || ring[slot]!.length < size) ring[slot] = new Uint8Array(size);
    const buf = ring[slot]!.subarray(0, size);
    const { bytesRead } = await fh.read(buf, 0, size, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}
