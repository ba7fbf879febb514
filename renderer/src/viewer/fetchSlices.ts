import type { SampleType } from '../../../shared/dicom/sampleType';
import { planeRanges, SAMPLE_ARRAYS, type SliceFetchReply, type SliceFetchRequest } from './sliceSamples';

export interface FetchedSlices {
  buffer: ArrayBuffer;
  /** [min, max] of each plane, one pair after the other. */
  ranges: Float64Array;
}

let worker: Worker | null = null;
let nextId = 1;
const waiting = new Map<number, { resolve(b: FetchedSlices): void; reject(e: unknown): void }>();

function theWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('./sliceFetchWorker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (e: MessageEvent<SliceFetchReply>) => {
    const r = e.data;
    const w = waiting.get(r.id);
    if (!w) return;
    waiting.delete(r.id);
    if (r.buffer) w.resolve({ buffer: r.buffer, ranges: r.ranges });
    else if (r.aborted) w.reject(new DOMException('Loading cancelled', 'AbortError'));
    else w.reject(new Error(`slices could not be read (${r.error})`));
  };
  return worker;
}

/** Starts the slice-fetching worker ahead of its first request (its start-up takes a moment). */
export function warmSliceFetcher(): void {
  theWorker();
}

/**
 * GET `url` (same origin): planes of `plane` samples of `type`. `onPage` fetches on the page's
 * thread: for the opening slice alone, which then does not wait for the worker to start.
 */
export async function fetchSlices(
  url: string,
  type: SampleType,
  plane: number,
  signal: AbortSignal,
  onPage = false,
): Promise<FetchedSlices> {
  signal.throwIfAborted();
  if (onPage) {
    const res = await fetch(url, { signal });
    if (!res.ok) throw new Error(`slices could not be read (${res.status} ${await res.text()})`);
    const buffer = await res.arrayBuffer();
    return { buffer, ranges: planeRanges(new SAMPLE_ARRAYS[type](buffer), plane) };
  }
  const w = theWorker();
  const id = nextId++;
  return new Promise<FetchedSlices>((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    const post = (m: SliceFetchRequest) => w.postMessage(m);
    signal.addEventListener(
      'abort',
      () => {
        post({ id, cancel: true });
        if (waiting.delete(id)) reject(new DOMException('Loading cancelled', 'AbortError'));
      },
      { once: true },
    );
    // The worker resolves relative URLs against its own script's address: send an absolute one.
    post({ id, url: new URL(url, location.href).href, type, plane });
  });
}
