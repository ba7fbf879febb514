import { describe, expect, it } from 'vitest';
import { indexToPatient, voxelVolumeMm3, type Vec3 } from '../volume/grid';
import { derivedObjectsRefusal, regularVolume } from './regularVolume';
import { resampleStack } from './resampleStack';
import { stackGeometry, type SlicePlane } from './stackGeometry';

/** A stack of axial slices at `zs` (mm), each shifted `shear` mm per mm of z along the columns (gantry tilt). */
function stackOf(zs: number[], shear: number, n = 40, px = 2): SlicePlane[] {
  return zs.map((z) => ({
    position: [-n, -n + shear * z, z] as Vec3,
    orientation: [1, 0, 0, 0, 1, 0],
    pixelSpacing: [px, px],
    rows: n,
    columns: n,
  }));
}

/** Stored slices sampled from a ball of radius r (value 100 inside, 0 outside) at centre c, in patient space. */
function sampleBall(planes: SlicePlane[], c: Vec3, r: number): Float32Array {
  const { rows, columns } = planes[0]!;
  const out = new Float32Array(rows * columns * planes.length);
  planes.forEach((p, k) => {
    for (let j = 0; j < rows; j++)
      for (let i = 0; i < columns; i++) {
        const x = p.position[0] + i * p.pixelSpacing[1];
        const y = p.position[1] + j * p.pixelSpacing[0];
        const inside = Math.hypot(x - c[0], y - c[1], p.position[2] - c[2]) <= r;
        out[k * rows * columns + j * columns + i] = inside ? 100 : 0;
      }
  });
  return out;
}

/** Volume (mL) and centroid (LPS) of the voxels at or above half the ball's value. */
function measureBall(r: NonNullable<ReturnType<typeof regularVolume>>) {
  const { grid, data } = r.volume;
  const [nx, ny] = grid.dims;
  let count = 0;
  const sum = [0, 0, 0];
  for (let n = 0; n < data.length; n++) {
    if (data[n]! < 50) continue;
    count++;
    const p = indexToPatient(grid, n % nx, Math.floor(n / nx) % ny, Math.floor(n / (nx * ny)));
    for (let a = 0; a < 3; a++) sum[a]! += p[a]!;
  }
  return { ml: (count * voxelVolumeMm3(grid)) / 1000, centroid: sum.map((s) => s / count) };
}

const BALL_ML = (r: number) => ((4 / 3) * Math.PI * r ** 3) / 1000;

describe('regularVolume: the grid a tilted or unevenly spaced stack is measured on', () => {
  it('a regular orthogonal stack needs none', () => {
    const planes = stackOf([0, 2, 4, 6], 0);
    expect(regularVolume(sampleBall(planes, [0, 0, 3], 10), planes)).toBeNull();
  });

  it('undoes a 20° gantry tilt: the ball comes back round, where it is, at its volume', () => {
    const zs = Array.from({ length: 31 }, (_, k) => k * 2);
    const planes = stackOf(zs, Math.tan((20 * Math.PI) / 180));
    const centre: Vec3 = [0, 6, 30];
    const r = regularVolume(sampleBall(planes, centre, 14), planes)!;
    expect(r.stack.resample).toEqual({ shear: true, spacing: false });
    // The grid is orthogonal and starts at the first slice's position, as the CLI's.
    expect(r.volume.grid.direction).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(r.volume.grid.origin).toEqual(planes[0]!.position);
    const m = measureBall(r);
    // Within the partial volume of one voxel layer over the surface (2 x 2 x 2 mm voxels, r 14 mm).
    expect(Math.abs(m.ml - BALL_ML(14)) / BALL_ML(14)).toBeLessThan(0.06);
    m.centroid.forEach((v, a) => expect(Math.abs(v - centre[a]!)).toBeLessThan(1));
  });

  it('puts 4 mm then 7 mm steps on one 4 mm-ish grid without stretching the ball', () => {
    const zs = [0, 4, 8, 12, 16, 20, 24, 28, 32, 39, 46, 53, 60, 67, 74];
    const planes = stackOf(zs, 0);
    const centre: Vec3 = [0, 0, 36];
    const r = regularVolume(sampleBall(planes, centre, 16), planes)!;
    expect(r.stack.resample).toEqual({ shear: false, spacing: true });
    expect(r.volume.grid.dims[2]).toBe(Math.round(74 / 4) + 1);
    expect(r.volume.grid.spacing[2]).toBeCloseTo(74 / 19, 9); // median step 4 mm over the 74 mm span
    const m = measureBall(r);
    // The coarse 7 mm steps blur the ball's caps: within one 7 mm step's partial volume.
    expect(Math.abs(m.ml - BALL_ML(16)) / BALL_ML(16)).toBeLessThan(0.1);
    m.centroid.forEach((v, a) => expect(Math.abs(v - centre[a]!)).toBeLessThan(1.5));
  });

  it('gives the same voxels whatever order the slices are stored in (a viewer volume vs the CLI)', () => {
    const zs = [0, 4, 8, 12, 19, 26, 33];
    const sorted = stackOf(zs, 0.3);
    const data = sampleBall(sorted, [0, 0, 15], 12);
    const plane = 40 * 40;
    // Reversed, as a viewer may hold a feet-first stack.
    const reversed = [...sorted].reverse();
    const reversedData = new Float32Array(data.length);
    for (let k = 0; k < zs.length; k++)
      reversedData.set(data.subarray(k * plane, (k + 1) * plane), (zs.length - 1 - k) * plane);
    const cli = resampleStack(data, stackGeometry(sorted), 0);
    const app = regularVolume(reversedData, reversed)!;
    expect(app.volume.grid).toEqual(cli.grid);
    expect(app.volume.data).toEqual(cli.data);
  });

  it('refuses a stack with missing slices, saying so, rather than resampling across the gap', () => {
    const planes = stackOf([0, 2, 4, 6, 8, 12, 14, 16, 18], 0.4);
    expect(() => regularVolume(new Float32Array(40 * 40 * planes.length), planes)).toThrow(/slice\(s\) missing/);
  });

  it('says plainly when the stored values do not match the planes', () => {
    const planes = stackOf([0, 2, 5, 9], 0);
    expect(() => regularVolume(new Float32Array(10), planes)).toThrow(/10 stored values for 4 slices/);
  });
});

describe('derivedObjectsRefusal: SEG, RTSTRUCT and SR only reference stored images that are the grid', () => {
  it('allows a regular orthogonal stack', () => {
    expect(derivedObjectsRefusal(stackOf([0, 2, 4, 6, 8], 0))).toBeNull();
  });

  it('refuses a gantry-tilted stack, naming the tilt and the way out', () => {
    const message = derivedObjectsRefusal(stackOf([0, 2, 4, 6, 8, 10], Math.tan((15 * Math.PI) / 180)));
    expect(message).toMatch(/^The reference series is measured on a resampled grid \(slices are sheared by 15 deg/);
    expect(message).toMatch(/cannot reference those images slice by slice\. Export the segments as NIfTI/);
  });

  it('refuses a protocol change of slice step, listing the steps', () => {
    const message = derivedObjectsRefusal(stackOf([0, 4, 8, 12, 16, 23, 30, 37], 0));
    expect(message).toMatch(/\(slice spacing is not uniform \(steps 4 mm x 4, 7 mm x 3\)\)/);
    expect(message).not.toMatch(/the volume is resampled/);
  });
});
