import { bytesToBase64 } from '../ipc/base64';
import type { ScalarVolume } from '../volume/grid';
import { edgeLabels, type EdgeLabels } from '../viewer/orientationLabels';
import { encodePngRgb } from './encodePng';

type Rgb = readonly [number, number, number];

/** One overlay on the slice, as a mask of the slice plane (nx * ny, row-major i fastest). */
export type KeyImageLayer =
  /** The structure's contour only, so the tissue under it stays readable. */
  | { kind: 'outline'; mask: Uint8Array; color: Rgb }
  /** A translucent fill (a territory). */
  | { kind: 'fill'; mask: Uint8Array; color: Rgb; alpha: number }
  /** Opaque voxels coloured per value (a margin map: value -> colour). */
  | { kind: 'voxels'; values: Uint8Array; colors: ReadonlyMap<number, Rgb> }
  /** A straight line in voxel coordinates (i, j) of the plane: an applicator's path. */
  | { kind: 'line'; from: readonly [number, number]; to: readonly [number, number]; color: Rgb };

export interface KeyImageOptions {
  /** Slice index k along the grid normal. */
  slice: number;
  window: { center: number; width: number };
  layers: readonly KeyImageLayer[];
  /** The part of the slice shown, in voxel indices (inclusive); default the whole slice. */
  crop?: { i0: number; j0: number; i1: number; j1: number };
}

/**
 * A square crop of about `sideMm` centred on voxel (ci, cj), shifted to stay inside the slice:
 * a lesion shown large enough to judge its contour, with its surroundings.
 */
export function cropAround(
  grid: { dims: readonly [number, number, number]; spacing: readonly [number, number, number] },
  ci: number,
  cj: number,
  sideMm: number,
): { i0: number; j0: number; i1: number; j1: number } {
  const [nx, ny] = grid.dims;
  const wi = Math.min(nx, Math.max(8, Math.round(sideMm / grid.spacing[0])));
  const wj = Math.min(ny, Math.max(8, Math.round(sideMm / grid.spacing[1])));
  const i0 = Math.max(0, Math.min(nx - wi, Math.round(ci - wi / 2)));
  const j0 = Math.max(0, Math.min(ny - wj, Math.round(cj - wj / 2)));
  return { i0, j0, i1: i0 + wi - 1, j1: j0 + wj - 1 };
}

export interface RenderedKeyImage {
  pngBase64: string;
  width: number;
  height: number;
  /** Size of one image pixel in mm (pixels are square): for the scale bar. */
  pixelMm: number;
  /** Patient directions at the image edges, from the grid's direction cosines. */
  orientation: EdgeLabels;
}

/** Images narrower than this are enlarged by a whole factor, so contours stay fine in print. */
const MIN_WIDTH = 480;

/** The plane k of a labelmap as a 0/1 mask of the voxels for which `inside(value)` holds. */
export function planeMask(
  data: ArrayLike<number>,
  dims: readonly [number, number, number],
  k: number,
  inside: (value: number) => boolean,
): Uint8Array {
  const plane = dims[0] * dims[1];
  const out = new Uint8Array(plane);
  for (let n = 0, o = k * plane; n < plane; n++) if (inside(data[o + n]!)) out[n] = 1;
  return out;
}

/**
 * A key image without a viewport, identical in the app and the CLI: one axial slice of the
 * volume at the given window, resampled to square pixels (bilinear grey, nearest masks), with
 * contours, fills, margin-map voxels and applicator lines on top. Text (orientation letters,
 * scale bar) is drawn by the PDF as vector text from `orientation` and `pixelMm`: the shared
 * code has no font rasteriser, and vector text stays sharp.
 */
export function renderKeyImage(volume: ScalarVolume, options: KeyImageOptions): RenderedKeyImage {
  const { grid } = volume;
  const [nx, ny, nz] = grid.dims;
  const k = Math.max(0, Math.min(nz - 1, Math.round(options.slice)));
  const [sx, sy] = grid.spacing;
  const c = options.crop ?? { i0: 0, j0: 0, i1: nx - 1, j1: ny - 1 };
  const cw = c.i1 - c.i0 + 1;
  const ch = c.j1 - c.j0 + 1;
  const scale = Math.max(1, Math.min(8, Math.ceil(MIN_WIDTH / cw)));
  const pixelMm = sx / scale;
  const width = cw * scale;
  const height = Math.max(1, Math.round((ch * sy) / pixelMm));
  const { center, width: ww } = options.window;
  const lo = center - ww / 2;
  const plane = nx * ny;
  const base = k * plane;
  // Output pixel -> fractional voxel coordinates (pixel centres), inside the crop.
  const fi = (x: number) => Math.min(nx - 1, Math.max(0, c.i0 + (x + 0.5) / scale - 0.5));
  const fj = (y: number) => Math.min(ny - 1, Math.max(0, c.j0 + ((y + 0.5) * pixelMm) / sy - 0.5));
  const ni = (x: number) => Math.min(nx - 1, c.i0 + Math.floor((x * cw) / width));
  const nj = (y: number) => Math.min(ny - 1, c.j0 + Math.floor((y * ch) / height));
  const out = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const jf = fj(y);
    const j0 = Math.floor(jf);
    const j1 = Math.min(ny - 1, j0 + 1);
    const tj = jf - j0;
    for (let x = 0; x < width; x++) {
      const If = fi(x);
      const i0 = Math.floor(If);
      const i1 = Math.min(nx - 1, i0 + 1);
      const ti = If - i0;
      const at = (i: number, j: number) => Number(volume.data[base + i + nx * j]);
      const v = (at(i0, j0) * (1 - ti) + at(i1, j0) * ti) * (1 - tj) + (at(i0, j1) * (1 - ti) + at(i1, j1) * ti) * tj;
      const g = Math.max(0, Math.min(255, Math.round(((v - lo) / ww) * 255)));
      const o = (y * width + x) * 3;
      out[o] = out[o + 1] = out[o + 2] = g;
    }
  }
  const put = (x: number, y: number, c: Rgb, a = 1) => {
    if (x < 0 || y < 0 || x >= width || y >= height) return;
    const o = (y * width + x) * 3;
    for (let n = 0; n < 3; n++) out[o + n] = Math.round(out[o + n]! * (1 - a) + c[n]! * a);
  };
  // Contours are drawn two output pixels wide (one voxel at most), inside the structure.
  const edge = Math.min(2, scale);
  for (const layer of options.layers) {
    if (layer.kind === 'line') {
      drawLine(layer, [c.i0, c.j0], scale, sy / pixelMm, put);
      continue;
    }
    const mask = layer.kind === 'voxels' ? layer.values : layer.mask;
    const inAt = (x: number, y: number) =>
      x >= 0 && y >= 0 && x < width && y < height ? mask[ni(x) + nx * nj(y)]! : 0;
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const value = inAt(x, y);
        if (!value) continue;
        if (layer.kind === 'voxels') {
          const c = layer.colors.get(value);
          if (c) put(x, y, c);
        } else if (layer.kind === 'fill') put(x, y, layer.color, layer.alpha);
        else {
          let border = false;
          for (let d = 1; d <= edge && !border; d++)
            border = !inAt(x - d, y) || !inAt(x + d, y) || !inAt(x, y - d) || !inAt(x, y + d);
          if (border) put(x, y, layer.color);
        }
      }
  }
  const d = grid.direction;
  return {
    pngBase64: bytesToBase64(encodePngRgb(out, width, height)),
    width,
    height,
    pixelMm,
    orientation: edgeLabels([d[0], d[1], d[2]], [d[3], d[4], d[5]]),
  };
}

/** A 2-pixel line between voxel positions, with a dot at `to` (the applicator tip). */
function drawLine(
  layer: Extract<KeyImageLayer, { kind: 'line' }>,
  [i0, j0]: readonly [number, number],
  scaleI: number,
  scaleJ: number,
  put: (x: number, y: number, c: Rgb) => void,
): void {
  const px = (p: readonly [number, number]) => [(p[0] - i0 + 0.5) * scaleI, (p[1] - j0 + 0.5) * scaleJ] as const;
  const [x0, y0] = px(layer.from);
  const [x1, y1] = px(layer.to);
  const steps = Math.ceil(Math.hypot(x1 - x0, y1 - y0)) + 1;
  for (let s = 0; s <= steps; s++) {
    const x = Math.round(x0 + ((x1 - x0) * s) / steps);
    const y = Math.round(y0 + ((y1 - y0) * s) / steps);
    put(x, y, layer.color);
    put(x + 1, y, layer.color);
    put(x, y + 1, layer.color);
  }
  for (let dy = -3; dy <= 3; dy++)
    for (let dx = -3; dx <= 3; dx++)
      if (dx * dx + dy * dy <= 9) put(Math.round(x1) + dx, Math.round(y1) + dy, layer.color);
}
