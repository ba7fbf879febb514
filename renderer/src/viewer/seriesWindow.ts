import { Enums, getEnabledElement } from '@cornerstonejs/core';

type Range = { lower: number; upper: number };

/** The window each series was last shown in, by volume id: it belongs to the series, not to a viewport. */
const windows = new Map<string, Range>();
const watched = new WeakSet<HTMLDivElement>();

/** The window a series was last shown in, if it was shown before. */
export function seriesWindow(volumeId: string): Range | undefined {
  return windows.get(volumeId);
}

/**
 * Remembers every window change on this viewport (drag, preset, reset, the VOI synchronizer)
 * for the series it shows, so a layout change or another workspace shows it in the same window.
 */
export function rememberSeriesWindow(element: HTMLDivElement): void {
  if (watched.has(element)) return;
  watched.add(element);
  element.addEventListener(Enums.Events.VOI_MODIFIED, (e) => {
    const d = (e as CustomEvent<{ range?: Range; volumeId?: string }>).detail;
    // Only slice views: a 3D view's transfer function is no reading window.
    if (getEnabledElement(element)?.viewport.type !== Enums.ViewportType.ORTHOGRAPHIC) return;
    if (d?.volumeId && d.range) windows.set(d.volumeId, { lower: d.range.lower, upper: d.range.upper });
  });
}

/** A closed study's series are gone: their windows go with them. */
export function forgetSeriesWindow(volumeId: string): void {
  windows.delete(volumeId);
}
