import { describe, expect, it } from 'vitest';
import { gaussianBlur } from '../sample/blur';
import { createRng } from '../sample/random';
import { regionGrow } from '../segment/regionGrow';
import { indexToPatient, voxelVolumeMm3, type Grid } from '../volume/grid';
import { zoneFromClick } from './zoneFromClick';

/** A 35 HU ellipsoidal zone with a 2 mm bright rim in 110 HU liver, blurred and noisy, on 1.5 x 1.5 x 2.5 mm voxels. */
function phantom() {
  const grid: Grid = {
    dims: [64, 64, 40],
    spacing: [1.5, 1.5, 2.5],
    origin: [-47.25, -47.25, -48.75],
    direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
  };
  const radii = [20, 18, 16];
  const data = new Float32Array(64 * 64 * 40);
  const truth = new Uint8Array(data.length);
  for (let k = 0; k < 40; k++)
    for (let j = 0; j < 64; j++)
      for (let i = 0; i < 64; i++) {
        const p = indexToPatient(grid, i, j, k);
        const r = Math.hypot(p[0] / radii[0]!, p[1] / radii[1]!, p[2] / radii[2]!);
        const n = i + 64 * (j + 64 * k);
        const rimR = 1 + 2 / 18;
        data[n] = r <= 1 ? 35 : r <= rimR ? 135 : 110;
        truth[n] = r <= 1 ? 1 : 0;
      }
  gaussianBlur(data, grid, [0.8, 0.8, 1.0]);
  const rng = createRng('zone-phantom');
  for (let n = 0; n < data.length; n++) data[n] = Math.round(data[n]! + rng.gaussian() * 12);
  const seed = 32 + 64 * (32 + 64 * 20);
  return { volume: { grid, data }, truth, seed, truthMl: ((4 / 3) * Math.PI * 20 * 18 * 16) / 1000 };
}

const ml = (mask: Uint8Array, grid: Grid) => (mask.reduce((a, v) => a + v, 0) * voxelVolumeMm3(grid)) / 1000;

describe('zoneFromClick', () => {
  it('puts the zone edge at the half-way intensity, where a plain grow stops a voxel short', () => {
    const { volume, truth, seed, truthMl } = phantom();
    const r = zoneFromClick(volume, seed);
    const got = ml(r.mask, volume.grid);
    const plain = ml(regionGrow(volume, { seeds: [seed], smoothingRadiusMm: 1, maxRadiusMm: 60 }).mask, volume.grid);
    expect(Math.abs(got - truthMl) / truthMl).toBeLessThan(0.04);
    expect(plain).toBeLessThan(got);
    let both = 0;
    let sum = 0;
    for (let n = 0; n < truth.length; n++) {
      both += truth[n]! & r.mask[n]!;
      sum += truth[n]! + r.mask[n]!;
    }
    expect((2 * both) / sum).toBeGreaterThan(0.95);
    expect(r.zoneMean).toBeGreaterThan(25);
    expect(r.zoneMean).toBeLessThan(45);
    expect(r.surroundMean).toBeGreaterThan(100);
  });
});
