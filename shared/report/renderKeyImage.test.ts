import { describe, expect, it } from 'vitest';
import { base64ToBytes } from '../ipc/base64';
import { AXIAL_DIRECTION, type ScalarVolume } from '../volume/grid';
import { cropAround, planeMask, renderKeyImage } from './renderKeyImage';

const grid = {
  dims: [40, 20, 2] as [number, number, number],
  spacing: [1, 2, 3] as [number, number, number],
  origin: [0, 0, 0] as [number, number, number],
  direction: AXIAL_DIRECTION,
};

describe('renderKeyImage', () => {
  it('renders square pixels with the scale, orientation from the direction cosines, and a crop', () => {
    const volume: ScalarVolume = { grid, data: new Float32Array(40 * 20 * 2).fill(60) };
    const img = renderKeyImage(volume, { slice: 1, window: { center: 60, width: 400 }, layers: [] });
    // 40 x 20 voxels of 1 x 2 mm = 40 x 40 mm, enlarged by a whole factor (at most 8) towards 480 px.
    expect(img.width).toBe(320);
    expect(img.height).toBe(320);
    expect(img.pixelMm).toBeCloseTo(40 / 320, 9);
    expect(img.orientation).toEqual({ left: 'R', right: 'L', top: 'A', bottom: 'P' });
    expect([...base64ToBytes(img.pngBase64).subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');

    const flipped = renderKeyImage(
      { grid: { ...grid, direction: [-1, 0, 0, 0, -1, 0, 0, 0, 1] }, data: volume.data },
      {
        slice: 0,
        window: { center: 0, width: 100 },
        layers: [],
      },
    );
    expect(flipped.orientation).toEqual({ left: 'L', right: 'R', top: 'P', bottom: 'A' });

    const crop = cropAround(grid, 38, 10, 10);
    // 10 mm = 10 voxels along i, shifted inside the slice; along j at least 8 voxels.
    expect(crop).toEqual({ i0: 30, j0: 6, i1: 39, j1: 13 });
    const cropped = renderKeyImage(volume, { slice: 0, window: { center: 60, width: 400 }, layers: [], crop });
    expect(cropped.width * cropped.pixelMm).toBeCloseTo(10, 6);
  });

  it('takes plane masks of one slice', () => {
    const data = new Uint8Array(40 * 20 * 2);
    data[40 * 20 + 5] = 3;
    expect(planeMask(data, grid.dims, 1, (v) => v === 3).indexOf(1)).toBe(5);
    expect(planeMask(data, grid.dims, 0, (v) => v === 3).indexOf(1)).toBe(-1);
  });
});
