/** Bar lengths a reader can add up at a glance (mm). */
const NICE_MM = [1, 2, 5, 10, 20, 50, 100, 200, 500];
/** Shorter than this on screen a bar is unreadable. */
const MIN_PX = 10;

/**
 * The longest 'nice' scale bar that fits in maxPx on screen, given the size
 * of one screen pixel in mm (from the camera: 2 x parallelScale / height).
 */
export function scaleBar(mmPerPixel: number, maxPx: number): { mm: number; px: number } | null {
  if (!(mmPerPixel > 0) || !(maxPx > 0)) return null;
  const fit = NICE_MM.filter((mm) => mm / mmPerPixel <= maxPx);
  const mm = fit[fit.length - 1];
  return mm === undefined || mm / mmPerPixel < MIN_PX ? null : { mm, px: mm / mmPerPixel };
}
