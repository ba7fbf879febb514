import type { Labelmap, ScalarVolume } from '../volume/grid';
import { bytesToBase64 } from '../ipc/base64';
import { encodePngRgb } from './encodePng';

export interface KeyImageOptions {
  /** Slice index k along the grid normal. */
  slice: number;
  window: { center: number; width: number };
  /** Label value -> display colour; labels not listed are not drawn. */
  colors: Map<number, [number, number, number]>;
  /** Overlay opacity 0..1 (outline pixels are drawn opaque). */
  opacity?: number;
}

/**
 * A key image for the report without a viewport (CLI): one slice of the
 * volume, windowed, with the labelmap as a translucent fill and an opaque
 * outline. Pixels are square only when spacing is, so the image is resampled
 * to square pixels along j using the grid spacing.
 */
export function renderKeyImage(
  volume: ScalarVolume,
  labels: Labelmap,
  options: KeyImageOptions,
): { pngBase64: string; width: number; height: number } {
  const [nx, ny, nz] = volume.grid.dims;
  const k = Math.max(0, Math.min(nz - 1, Math.round(options.slice)));
  const [sx, sy] = volume.grid.spacing;
  const width = nx;
  const height = Math.max(1, Math.round((ny * sy) / sx));
  const lo = options.window.center - options.window.width / 2;
  const alpha = options.opacity ?? 0.35;
  const out = new Uint8Array(width * height * 3);
  const labelAt = (i: number, j: number) =>
    i < 0 || j < 0 || i >= nx || j >= ny ? 0 : labels.data[i + nx * (j + ny * k)];
  for (let y = 0; y < height; y++) {
    const j = Math.min(ny - 1, Math.floor((y * ny) / height));
    for (let i = 0; i < width; i++) {
      const v = volume.data[i + nx * (j + ny * k)];
      const g = Math.max(0, Math.min(255, Math.round(((v - lo) / options.window.width) * 255)));
      let [r, gg, b] = [g, g, g];
      const label = labelAt(i, j);
      const color = label ? options.colors.get(label) : undefined;
      if (color) {
        const edge =
          labelAt(i - 1, j) !== label ||
          labelAt(i + 1, j) !== label ||
          labelAt(i, j - 1) !== label ||
          labelAt(i, j + 1) !== label;
        const a = edge ? 1 : alpha;
        r = Math.round(r * (1 - a) + color[0] * a);
        gg = Math.round(gg * (1 - a) + color[1] * a);
        b = Math.round(b * (1 - a) + color[2] * a);
      }
      out.set([r, gg, b], (y * width + i) * 3);
    }
  }
  return { pngBase64: bytesToBase64(encodePngRgb(out, width, height)), width, height };
}
