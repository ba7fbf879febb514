import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { indexToPatient, type Vec3 } from '../../shared/volume/grid';
import { encodeNifti } from '../../shared/volume/nifti';
import { smallSegInput } from '../../shared/seg/testing/testSupport';
import { writeSeg } from '../../shared/seg/writeSeg';
import { axialGrid, obliqueGrid, rasterise, sphere } from '../../shared/volume/testing/testGrids';
import { compareCommand } from './compare';
import { marginCommand } from './margin';

const dir = mkdtempSync(join(tmpdir(), 'liverplan-margin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const grid = axialGrid([50, 50, 30], [0.7, 0.7, 1.2]);
const c: [number, number, number] = [17, 17, 18];
function write(name: string, data: Uint8Array, g = grid, gzip = false): string {
  const path = join(dir, name);
  writeFileSync(path, encodeNifti({ grid: g, data }, { gzip }));
  return path;
}

describe('liverplan margin', () => {
  it('reports the qam figures for NIfTI masks, resampling a zone given on another grid', async () => {
    const tumour = write('t.nii.gz', rasterise(grid, sphere(c, 6)), grid, true);
    const zone = write('z.nii', rasterise(grid, sphere([c[0] + 1, c[1], c[2]], 12)));
    const { json } = await marginCommand.run(['--tumour', tumour, '--zone', zone, '--json']);
    const r = json as Record<string, number>;
    expect(Object.keys(r).sort()).toEqual(
      [
        'coveragePercent',
        'excludedSubcapsularPercent',
        'mamMm',
        'medianMm',
        'percentBelow0',
        'percentBelow5',
        'q25Mm',
        'residualTumour',
      ].sort(),
    );
    expect(Math.abs(r.mamMm! - 5)).toBeLessThan(0.5);
    expect(r.coveragePercent).toBe(100);
    const g0 = obliqueGrid([60, 60, 50], [0.6, 0.6, 0.8]);
    const mid = indexToPatient(g0, 30, 30, 25);
    const g2 = { ...g0, origin: [c[0] - mid[0], c[1] - mid[1], c[2] - mid[2]] as Vec3 };
    const zone2 = write('z2.nii', rasterise(g2, sphere([c[0] + 1, c[1], c[2]], 12)), g2);
    const liver = write(
      'l.nii',
      rasterise(grid, (p) => p[0] < c[0] + 9),
    );
    const r2 = (await marginCommand.run(['--tumour', tumour, '--zone', zone2, '--liver', liver])).json as Record<
      string,
      number
    >;
    expect(Math.abs(r2.mamMm! - 5)).toBeLessThan(0.8);
    expect(r2.excludedSubcapsularPercent).toBeGreaterThan(0);
  });

  it('reads DICOM SEG segments by number and agrees with the NIfTI path', async () => {
    const t = rasterise(grid, sphere(c, 6));
    const z = rasterise(grid, sphere([c[0] + 1, c[1], c[2]], 12));
    const seg = join(dir, 'seg.dcm');
    writeFileSync(seg, writeSeg(smallSegInput(grid, [z, t])));
    const fromSeg = (
      await marginCommand.run(['--tumour', seg, '--tumour-label', '2', '--zone', seg, '--zone-label', '1'])
    ).json as Record<string, number>;
    const fromNifti = (await marginCommand.run(['--tumour', write('t2.nii', t), '--zone', write('z3.nii', z)]))
      .json as Record<string, number>;
    expect(fromSeg).toEqual(fromNifti);
    await expect(marginCommand.run(['--tumour', seg, '--tumour-label', '9', '--zone', seg])).rejects.toThrow(
      'has no segment number 9',
    );
  });

  it('fails with one clear line for a missing option, a missing file or a wrong type', async () => {
    await expect(marginCommand.run(['--tumour', 'x.nii'])).rejects.toThrow('usage: liverplan margin');
    await expect(marginCommand.run(['--tumour', join(dir, 'none.nii'), '--zone', 'z.nii'])).rejects.toThrow(
      'cannot read',
    );
    await expect(marginCommand.run(['--tumour', 'a.png', '--zone', 'z.nii'])).rejects.toThrow('expected a .nii');
  });
});

describe('liverplan compare', () => {
  it('returns overlap and surface distances', async () => {
    const a = write('a.nii', rasterise(grid, sphere(c, 8)));
    const b = write('b.nii', rasterise(grid, sphere([c[0] + 2.1, c[1], c[2]], 8)));
    const r = (await compareCommand.run(['--reference', a, '--test', b, '--json'])).json as Record<string, number>;
    expect(r.dice).toBeGreaterThan(0.7);
    expect(r.dice).toBeLessThan(0.9);
    expect(r.hausdorffMm).toBeCloseTo(2.1, 0);
    expect(Math.abs(r.volumeDifferencePercent!)).toBeLessThan(2);
  });

  it('compares one label of a multi-label reference with a 0/1 mask (--reference-label)', async () => {
    const ball = rasterise(grid, sphere(c, 8));
    const labels = Uint8Array.from(ball, (v, n) => (v ? 5 : n % 7 === 0 ? 2 : 0));
    const ref = write('labels.nii', labels);
    const test = write('ball.nii', ball);
    const run = async (...args: string[]) =>
      (await compareCommand.run(['--reference', ref, '--test', test, ...args, '--json'])).json as Record<
        string,
        number
      >;
    expect((await run('--reference-label', '5')).dice).toBe(1);
    await expect(run('--label', '5')).rejects.toThrow(/empty for label 5/);
  });
});
