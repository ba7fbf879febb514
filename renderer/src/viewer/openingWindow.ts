import { cache, Enums, eventTarget, metaData, type Types } from '@cornerstonejs/core';
import { chooseInitialWindow, type WindowChoice } from '../../../shared/viewer/initialWindow';
import { presetRange } from '../../../shared/viewer/wlPresets';

type Range = { lower: number; upper: number };

const first = (v: unknown): number | undefined => {
  const x = Array.isArray(v) ? v[0] : v;
  const n = typeof x === 'string' ? Number(x) : x;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};

function headerWindow(imageId: string | undefined): [number, number] | null {
  if (!imageId) return null;
  const voi = metaData.get('voiLutModule', imageId) as { windowCenter?: unknown; windowWidth?: unknown } | undefined;
  const c = first(voi?.windowCenter);
  const w = first(voi?.windowWidth);
  return c === undefined || w === undefined ? null : [c, w];
}

function middleSliceRange(volume: Types.IImageVolume): [number, number] | null {
  const data = (
    volume.voxelManager as unknown as { getMiddleSliceData?: () => ArrayLike<number> }
  ).getMiddleSliceData?.();
  if (!data?.length) return null;
  let lo = Infinity;
  let hi = -Infinity;
  for (let n = 0; n < data.length; n++) {
    const v = data[n]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return hi > lo ? [lo, hi] : null;
}

function decide(volume: Types.IImageVolume, withData: boolean): WindowChoice | null {
  const ids = volume.imageIds ?? [];
  return chooseInitialWindow({
    modality: String(volume.metadata?.Modality ?? ''),
    header: headerWindow(ids[Math.floor(ids.length / 2)]),
    dataRange: withData ? middleSliceRange(volume) : null,
  });
}

const sameRange = (a: Range | undefined, b: Range | undefined) =>
  !!a && !!b && Math.abs(a.lower - b.lower) < 1e-3 && Math.abs(a.upper - b.upper) < 1e-3;

/**
 * Puts a freshly shown slice view in its opening window (shared/viewer/initialWindow): the
 * header's when usable, else the abdomen preset for CT, a data window for MR. A header window can
 * only be judged against the data once the slices are in; then it is checked once more, unless
 * the reader has changed the window meanwhile.
 */
export function applyOpeningWindow(vp: Types.IVolumeViewport, volumeId: string): void {
  const volume = cache.getVolume(volumeId);
  if (!volume) return;
  const apply = (c: WindowChoice | null) => {
    if (!c || c.source === 'header') return;
    vp.setProperties({ voiRange: presetRange(c) });
    vp.element.dataset.openingWindow = c.source;
  };
  const loaded = !!(volume as unknown as { loadStatus?: { loaded?: boolean } }).loadStatus?.loaded;
  const now = decide(volume, loaded);
  vp.element.dataset.openingWindow = now?.source ?? 'default';
  apply(now);
  if (loaded || now?.source !== 'header') return;
  const shown = vp.getProperties()?.voiRange as Range | undefined;
  const onLoaded = (evt: Event) => {
    if ((evt as CustomEvent<{ volumeId: string }>).detail?.volumeId !== volumeId) return;
    eventTarget.removeEventListener(Enums.Events.IMAGE_VOLUME_LOADING_COMPLETED, onLoaded);
    // The viewport may have been given another volume, or the reader may have moved the window.
    if (!vp.getActors().some((a) => a.referencedId === volumeId)) return;
    if (!sameRange(vp.getProperties()?.voiRange as Range | undefined, shown)) return;
    apply(decide(volume, true));
    vp.render();
  };
  eventTarget.addEventListener(Enums.Events.IMAGE_VOLUME_LOADING_COMPLETED, onLoaded);
}
