import type { Vec3 } from '../../volume/grid';

/** A seeded uniform generator in [0, 1) (linear congruential; reproducible across runs). */
export function seededRandom(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/**
 * Random blobby mask for property tests of the morphology fast paths: a few overlapping
 * ellipsoids (some cut by the grid edge) plus a fraction `flip` of voxels flipped at random
 * (specks, pin holes, one-voxel bridges).
 */
export function randomMask(dims: Vec3, seed: number, flip = 0.01): Uint8Array {
  const rand = seededRandom(seed);
  const [nx, ny, nz] = dims;
  const m = new Uint8Array(nx * ny * nz);
  for (let e = 0; e < 4; e++) {
    const c = [rand() * nx, rand() * ny, rand() * nz];
    const r = [2 + rand() * nx * 0.3, 2 + rand() * ny * 0.3, 1 + rand() * nz * 0.3];
    for (let k = 0; k < nz; k++)
      for (let j = 0; j < ny; j++)
        for (let i = 0; i < nx; i++)
          if (((i - c[0]!) / r[0]!) ** 2 + ((j - c[1]!) / r[1]!) ** 2 + ((k - c[2]!) / r[2]!) ** 2 <= 1)
            m[i + nx * (j + ny * k)] = 1;
  }
  for (let n = 0; n < m.length; n++) if (rand() < flip) m[n] = 1 - m[n]!;
  return m;
}
