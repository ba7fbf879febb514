/// <reference lib="webworker" />
/**
 * Fetches decoded slices (/slices/...) off the page's thread. A response body is read on the
 * thread that reads it; on the page's thread, busy uploading textures and drawing in software
 * WebGL, an 8 MB body took 1.6 s to come in. Here it takes what the transfer takes, and the
 * buffer moves to the page without a copy. Each plane's value range (which every cached image
 * carries) is read here too, off the page's thread.
 */
import { planeRanges, SAMPLE_ARRAYS, type SliceFetchReply, type SliceFetchRequest } from './sliceSamples';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const inFlight = new Map<number, AbortController>();

scope.onmessage = async (e: MessageEvent<SliceFetchRequest>) => {
  const m = e.data;
  if (m.cancel) {
    inFlight.get(m.id)?.abort();
    return;
  }
  const abort = new AbortController();
  inFlight.set(m.id, abort);
  let reply: SliceFetchReply;
  try {
    const res = await fetch(m.url, { signal: abort.signal });
    if (res.ok) {
      const buffer = await res.arrayBuffer();
      reply = { id: m.id, buffer, ranges: planeRanges(new SAMPLE_ARRAYS[m.type](buffer), m.plane) };
    } else {
      reply = { id: m.id, error: `${res.status} ${await res.text()}` };
    }
  } catch (err) {
    reply = { id: m.id, error: err instanceof Error ? err.message : String(err), aborted: abort.signal.aborted };
  } finally {
    inFlight.delete(m.id);
  }
  scope.postMessage(reply, reply.buffer ? [reply.buffer, reply.ranges.buffer] : []);
};
