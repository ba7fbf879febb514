import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../volume/grid';
import { applyLabelsDelta, changedSlices, encodeLabelsDelta, sliceHashes } from './labelsDelta';

/** Index of the first voxel where a and b differ, or -1. */
function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let n = 0; n < a.length; n++) if (a[n] !== b[n]) return n;
  return -1;
}

/** A liver-sized ellipsoid (label 1) with a lesion (label 2) inside, on dims. */
function caseLabelmap(dims: Vec3): Uint8Array {
  const [nx, ny, nz] = dims;
  const data = new Uint8Array(nx * ny * nz);
  const [cx, cy, cz, rx, ry, rz] = [nx * 0.4, ny * 0.5, nz * 0.5, nx * 0.3, ny * 0.25, nz * 0.3];
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        const d = ((i - cx) / rx) ** 2 + ((j - cy) / ry) ** 2 + ((k - cz) / rz) ** 2;
        if (d <= 1) data[i + nx * (j + ny * k)] = d < 0.05 ? 2 : 1;
      }
  return data;
}

/** A brush stroke: a sphere of `radius` voxels dragged along i at slice k (Cornerstone's sphere brush). */
function strokeAt(data: Uint8Array, dims: Vec3, k0: number, label: number, radius: number): number[] {
  const [nx, ny, nz] = dims;
  const touched = new Set<number>();
  for (let c = nx * 0.3; c <= nx * 0.5; c += 2)
    for (let k = Math.max(0, k0 - radius); k <= Math.min(nz - 1, k0 + radius); k++)
      for (let j = Math.floor(ny / 2 - radius); j <= ny / 2 + radius; j++)
        for (let i = Math.floor(c - radius); i <= c + radius; i++) {
          if ((i - c) ** 2 + (j - ny / 2) ** 2 + (k - k0) ** 2 > radius ** 2) continue;
          const n = i + nx * (j + ny * k);
          if (data[n] !== label) touched.add(k);
          data[n] = label;
        }
  return [...touched].sort((a, b) => a - b);
}

describe('labels delta (autosave)', () => {
  it('a one-stroke edit of a 512x512x300 labelmap crosses in under 1 MB and applies back exactly', () => {
    const dims: Vec3 = [512, 512, 300];
    const before = caseLabelmap(dims);
    const base = before.slice(); // the host's copy of the last write
    const hashes = sliceHashes(before, dims);
    const touched = strokeAt(before, dims, 150, 3, 6);
    expect(touched.length).toBeGreaterThan(1);

    const changed = changedSlices(hashes, sliceHashes(before, dims));
    expect(changed).toEqual(touched);
    const delta = encodeLabelsDelta(before, dims, changed);
    expect(delta.byteLength).toBeLessThan(1024 * 1024);
    // One 512x512 slice alone is 256 KiB raw: compression is doing its part.
    expect(delta.byteLength).toBeLessThan((touched.length * 512 * 512) / 10);

    expect(applyLabelsDelta(base, dims, delta)).toBe(touched.length);
    expect(firstDifference(base, before)).toBe(-1);
  });

  it('finds a change of a single voxel, and nothing when nothing changed', () => {
    const dims: Vec3 = [33, 17, 9]; // odd sizes: slices are not word-aligned
    const data = caseLabelmap(dims);
    const h = sliceHashes(data, dims);
    expect(changedSlices(h, sliceHashes(data, dims))).toEqual([]);
    data[5 + 33 * (3 + 17 * 7)] ^= 1;
    expect(changedSlices(h, sliceHashes(data, dims))).toEqual([7]);
    expect(changedSlices(null, h)).toEqual([...Array(9).keys()]);

    const word: Vec3 = [64, 64, 4];
    const aligned = caseLabelmap(word);
    const h2 = sliceHashes(aligned, word);
    aligned[64 * 64 * 2 + 100] = 9;
    expect(changedSlices(h2, sliceHashes(aligned, word))).toEqual([2]);
  });

  it('carries 16-bit labels and empty deltas', () => {
    const dims: Vec3 = [20, 10, 6];
    const data = new Uint16Array(20 * 10 * 6).map((_, n) => (n * 37) % 700);
    const copy = data.slice();
    const h = sliceHashes(data, dims);
    data[20 * 10 * 4 + 3] = 65535;
    const delta = encodeLabelsDelta(data, dims, changedSlices(h, sliceHashes(data, dims)));
    expect(applyLabelsDelta(copy, dims, delta)).toBe(1);
    expect(firstDifference(copy, data)).toBe(-1);
    expect(applyLabelsDelta(copy, dims, encodeLabelsDelta(data, dims, []))).toBe(0);
  });

  it('refuses deltas for another grid, another voxel type or damaged bytes, leaving the target as it was', () => {
    const dims: Vec3 = [16, 16, 4];
    const data = caseLabelmap(dims);
    const delta = encodeLabelsDelta(data, dims, [1, 2]);
    const target = new Uint8Array(16 * 16 * 4);
    expect(() => applyLabelsDelta(new Uint8Array(16 * 16 * 5), [16, 16, 5], delta)).toThrow(/16x16x4 grid.*16x16x5/);
    expect(() => applyLabelsDelta(new Uint16Array(16 * 16 * 4), dims, delta)).toThrow(/1-byte labels/);
    expect(() => applyLabelsDelta(target, dims, delta.subarray(0, 10))).toThrow(/not zlib data/);
    expect(() => applyLabelsDelta(target, dims, new Uint8Array([1, 2, 3]))).toThrow(/not zlib data/);
    expect(target.every((v) => v === 0)).toBe(true);
    expect(() => encodeLabelsDelta(data, dims, [4])).toThrow(/outside 0..3/);
    expect(() => sliceHashes(data, [16, 16, 5])).toThrow(/needs 1280/);
  });
});
