import { chooseInitialWindow } from '../viewer/initialWindow';
import type { ScalarVolume } from '../volume/grid';

/** First number of a DICOM multi-valued DS (array, backslash string or number). */
function firstNumber(v: unknown): number | undefined {
  const x = Array.isArray(v) ? v[0] : typeof v === 'string' ? v.split('\\')[0] : v;
  const n = typeof x === 'string' ? Number(x) : x;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

/** [min, max] of the middle slice, as the viewer judges a header window. */
function middleSliceRange(volume: ScalarVolume): [number, number] | null {
  const [nx, ny, nz] = volume.grid.dims;
  const plane = nx * ny;
  const o = Math.floor(nz / 2) * plane;
  let lo = Infinity;
  let hi = -Infinity;
  for (let n = 0; n < plane; n++) {
    const v = Number(volume.data[o + n]);
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return hi > lo ? [lo, hi] : null;
}

/**
 * The window the series opens in (shared/viewer/initialWindow, the rule the viewer uses): the
 * header's when usable, the abdomen preset for CT, the data's range otherwise. `middle` is the
 * header of the middle image of the series.
 */
export function openingWindow(
  volume: ScalarVolume,
  middle: { Modality?: unknown; WindowCenter?: unknown; WindowWidth?: unknown } | undefined,
): { center: number; width: number } {
  const c = firstNumber(middle?.WindowCenter);
  const w = firstNumber(middle?.WindowWidth);
  const dataRange = middleSliceRange(volume);
  const choice = chooseInitialWindow({
    modality: typeof middle?.Modality === 'string' ? middle.Modality : '',
    header: c === undefined || w === undefined ? null : [c, w],
    dataRange,
  });
  if (choice) return { center: choice.center, width: choice.width };
  const [lo, hi] = dataRange ?? [0, 1];
  return { center: (lo + hi) / 2, width: Math.max(1, hi - lo) };
}
