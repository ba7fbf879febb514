/** What the viewer tells the rest of the renderer, instead of being polled. */
export interface ViewerEvents {
  /** A series' volume exists in Cornerstone's cache (its pixels may still be streaming in). */
  'volume-ready': { seriesUid: string; volumeId: string };
  /** Every slice of a series has arrived. */
  'volume-loaded': { seriesUid: string; volumeId: string };
  /**
   * A viewport shows a volume (after Cornerstone's setVolumes): new after every layout change,
   * which recreates viewports without the labelmaps they carried.
   */
  'viewport-ready': { viewportId: string; volumeId: string };
}

type Listener<K extends keyof ViewerEvents> = (detail: ViewerEvents[K]) => void;

const listeners: { [K in keyof ViewerEvents]: Set<Listener<K>> } = {
  'volume-ready': new Set(),
  'volume-loaded': new Set(),
  'viewport-ready': new Set(),
};

export function onViewerEvent<K extends keyof ViewerEvents>(type: K, fn: Listener<K>): () => void {
  const set = listeners[type] as Set<Listener<K>>;
  set.add(fn);
  return () => set.delete(fn);
}

export function emitViewerEvent<K extends keyof ViewerEvents>(type: K, detail: ViewerEvents[K]): void {
  for (const fn of [...(listeners[type] as Set<Listener<K>>)]) fn(detail);
}
