import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeInstance } from '../../../shared/dicom/writeInstance';
import { findCase } from '../../../shared/sample/cases';
import { CT_PHASES, MR_PHASES } from '../../../shared/sample/enhancement';
import { imageDataset } from '../../../shared/sample/imageDataset';
import { postAblationSeriesContext } from '../../../shared/sample/postAblation';
import { sampleMasks, smallSegInput } from '../../../shared/seg/testing/testSupport';
import { writeSeg } from '../../../shared/seg/writeSeg';
import type { Grid } from '../../../shared/volume/grid';

const hasDciodvfy = spawnSync('sh', ['-c', 'command -v dciodvfy']).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'lp-dciodvfy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** dciodvfy's "Error" lines for one object (it exits 0 even when it finds errors). */
function errors(name: string, bytes: Uint8Array): string[] {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  const out = execFileSync('sh', ['-c', `dciodvfy "${file}" 2>&1 || true`], { encoding: 'utf8' });
  return out.split('\n').filter((l) => /^Error/.test(l));
}

const grid: Grid = {
  dims: [9, 8, 6],
  spacing: [0.8, 0.7, 2.5],
  origin: [-3, -2, 10],
  direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
};

describe.skipIf(!hasDciodvfy)('dciodvfy accepts what we write', () => {
  it('binary SEG', () => {
    expect(errors('binary.dcm', writeSeg(smallSegInput(grid, sampleMasks(grid))))).toEqual([]);
  });

  it('fractional SEG', () => {
    const masks = sampleMasks(grid).map((m) => m.map((v) => v * 200));
    expect(errors('fractional.dcm', writeSeg(smallSegInput(grid, masks, 'PROBABILITY')))).toEqual([]);
  });

  it('sample CT and MR slices', () => {
    for (const [caseName, spec] of [
      ['solitary-ablation', CT_PHASES.arterial],
      ['solitary-ablation', CT_PHASES.unenhanced],
      ['mr-multiphase', MR_PHASES.t1_hepatobiliary],
      ['mr-multiphase', MR_PHASES.t2],
    ] as const) {
      const def = findCase(caseName)!;
      const ctx = {
        def,
        grid,
        spec,
        studyInstanceUid: '2.25.1',
        seriesInstanceUid: '2.25.2',
        frameOfReferenceUid: '2.25.3',
        seriesNumber: 3,
        studyDate: '20250314',
        studyTime: '100000',
        seriesTime: '100335',
        contrastStartTime: '100300',
      };
      const n = grid.dims[0] * grid.dims[1];
      const pixels = def.modality === 'CT' ? new Int16Array(n).fill(1100) : new Uint16Array(n).fill(600);
      const bytes = writeInstance(imageDataset(ctx, 2, '2.25.4', pixels));
      expect(errors(`${caseName}-${spec.label}.dcm`, bytes), `${caseName} ${spec.label}`).toEqual([]);
    }
  });

  it('post-ablation follow-up slice (its own study and frame of reference)', () => {
    const def = findCase('solitary-ablation')!;
    const ctx = postAblationSeriesContext(def, def.postAblation!, def.name, grid);
    const pixels = new Int16Array(grid.dims[0] * grid.dims[1]).fill(1059);
    expect(errors('post-ablation.dcm', writeInstance(imageDataset(ctx, 2, '2.25.5', pixels)))).toEqual([]);
  });
});
