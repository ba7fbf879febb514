/**
 * Colours of a split preview, one definition for the 2D overlay and the 3D view, so the part
 * shaded on the slices is the part drawn in the same colour in 3D.
 */
export type Rgb = readonly [number, number, number];

/** The side that becomes the territory (kept side of every plane). */
export const KEPT_RGB: Rgb = [255, 213, 79];
/** The rest of the liver. */
export const REST_RGB: Rgb = [100, 150, 230];

export const css = (c: Rgb, alpha = 1) => `rgba(${c[0]}, ${c[1]}, ${c[2]}, ${alpha})`;
