import { WL_PRESETS } from './wlPresets';

/**
 * The window a series opens in. The scanner's window (WindowCenter/Width of the middle image)
 * wins when it is usable; many exports carry none, a zero width, or a window as wide as the
 * stored bit range, and a CT shown that way is a flat grey image. CT then opens in the abdomen
 * preset, the reading window of this product; other modalities (MR) have no calibrated scale,
 * so they keep a window taken from their own data.
 */
export interface WindowChoice {
  center: number;
  width: number;
  source: 'header' | 'abdomen-preset' | 'data';
  /** Why, in words for a tooltip or log. */
  reason: string;
}

export interface InitialWindowInput {
  /** DICOM Modality ('CT', 'MR', ...). */
  modality: string;
  /** The header's [centre, width], or null when absent. */
  header?: readonly [number, number] | null;
  /** [min, max] of the data shown (the middle slice once decoded), when known. */
  dataRange?: readonly [number, number] | null;
}

const ABDOMEN = WL_PRESETS.find((p) => p.id === 'abdomen')!;

/** Why the header window cannot be used, or null when it can (or cannot be judged yet). */
export function unusableHeaderWindow(
  header: readonly [number, number] | null | undefined,
  dataRange?: readonly [number, number] | null,
): string | null {
  if (!header) return 'the header carries no window';
  const [center, width] = header;
  if (!Number.isFinite(center) || !Number.isFinite(width)) return 'the header window is not a number';
  if (width <= 1) return `the header window width is ${width}`;
  if (dataRange && Number.isFinite(dataRange[0]) && Number.isFinite(dataRange[1]) && dataRange[1] > dataRange[0]) {
    const [lo, hi] = dataRange;
    if (width >= hi - lo) return `the header window (W ${width}) is as wide as the data (${lo}..${hi})`;
    if (center + width / 2 <= lo || center - width / 2 >= hi) return 'the header window lies outside the data';
  }
  return null;
}

/**
 * The opening window, or null to leave the viewer's own default (a non-CT series with neither a
 * usable header window nor data to judge yet).
 */
export function chooseInitialWindow(input: InitialWindowInput): WindowChoice | null {
  const why = unusableHeaderWindow(input.header, input.dataRange);
  if (!why) return { center: input.header![0], width: input.header![1], source: 'header', reason: 'the header window' };
  if (input.modality.toUpperCase() === 'CT')
    return { center: ABDOMEN.center, width: ABDOMEN.width, source: 'abdomen-preset', reason: `${why}: abdomen preset` };
  const r = input.dataRange;
  if (r && r[1] > r[0])
    return { center: (r[0] + r[1]) / 2, width: r[1] - r[0], source: 'data', reason: `${why}: the data's range` };
  return null;
}
