import { describe, expect, it } from 'vitest';
import { axialGrid, rasterise, sphere } from '../volume/testing/testGrids';
import { liverBridgeToLesion } from './joinToLiver';

describe('liverBridgeToLesion', () => {
  const grid = axialGrid([60, 50, 30], [1, 1, 2]);
  // Liver: the half-space x < 30 (within the body box); the lesion sits 2 mm beyond its edge.
  const liver = rasterise(grid, (p) => p[0] < 30);
  const lesion = rasterise(grid, sphere([38, 25, 30], 6));

  it('fills the gap between the liver outline and a lesion it left out, and nothing far away', () => {
    const { mask, count } = liverBridgeToLesion(grid, liver, lesion);
    expect(count).toBeGreaterThan(0);
    // The gap voxel between them (x = 30..31 at the lesion's centre) joins the liver.
    const at = (x: number, y: number, z: number) => x + 60 * (y + 50 * (z / 2));
    expect(mask[at(31, 25, 30)]).toBe(1);
    // Never the lesion itself, never the liver, nothing beyond the lesion.
    for (let n = 0; n < mask.length; n++) if (mask[n]) expect(liver[n] || lesion[n]).toBe(0);
    expect(mask[at(50, 25, 30)]).toBe(0);
    expect(mask[at(31, 2, 30)]).toBe(0);
  });

  it('adds nothing for an empty lesion', () => {
    expect(liverBridgeToLesion(grid, liver, new Uint8Array(liver.length)).count).toBe(0);
  });
});
