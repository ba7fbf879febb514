import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../volume/grid';
import { gridNote, type PlanesInfo } from './gridNote';

const axial = (positions: Vec3[]): PlanesInfo => ({
  rows: 64,
  columns: 64,
  orientation: [1, 0, 0, 0, 1, 0],
  pixelSpacing: [0.7, 0.7],
  positions,
});

describe('gridNote', () => {
  it('says nothing for a regular orthogonal stack', () => {
    const info = axial(Array.from({ length: 10 }, (_, k): Vec3 => [0, 0, 2.5 * k]));
    expect(gridNote(info)).toBeNull();
  });

  it('names the gantry tilt and the resampled slice spacing', () => {
    // 0.8 mm along z, each slice shifted along y by tan(12°) * 0.8 mm: a 12° tilt.
    const t = Math.tan((12 * Math.PI) / 180);
    const info = axial(Array.from({ length: 20 }, (_, k): Vec3 => [0, t * 0.8 * k, 0.8 * k]));
    expect(gridNote(info)).toBe('Resampled to 0.8 mm slices (gantry tilt 12°): shown and measured on this grid');
  });

  it('lists the steps of a non-uniform stack and the regular grid it goes to', () => {
    // A protocol change: 4 mm steps, then 7 mm steps (the GE head CT of issue 18).
    const z = [0, 4, 8, 12, 16, 23, 30, 37, 44];
    const info = axial(z.map((v): Vec3 => [0, 0, v]));
    expect(gridNote(info)).toMatch(
      /^Non-uniform slices \(slice steps 4\/7 mm\) resampled to \d+(\.\d+)? mm: shown and measured on this grid$/,
    );
  });

  it('says a tilted stack with missing slices is shown as stored (the loader does not resample it)', () => {
    const t = Math.tan((12 * Math.PI) / 180);
    const z = [0, 2, 4, 6, 8, 12, 14, 16, 18];
    const info = axial(z.map((v): Vec3 => [0, t * v, v]));
    expect(gridNote(info)).toBe('Acquired slices as stored (gantry tilt 12°), not resampled: slices are missing');
  });
});
