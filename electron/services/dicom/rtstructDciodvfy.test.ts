import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeInstance } from '../../../shared/dicom/writeInstance';
import { studyContext } from '../../../shared/export/studyContext';
import { makeCtSeries } from '../../../shared/export/testing/testSeries';
import { SAMPLE_SEGMENTS, sampleLabels } from '../../../shared/rtstruct/testing/sampleLabels';
import { buildRtstructDataset } from '../../../shared/rtstruct/writeRtstruct';
import type { Grid } from '../../../shared/volume/grid';

const hasDciodvfy = spawnSync('sh', ['-c', 'command -v dciodvfy']).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'lp-rtstruct-dciodvfy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!hasDciodvfy)('dciodvfy accepts the RTSTRUCT we write', () => {
  it.each([
    ['axial', [1, 0, 0, 0, 1, 0, 0, 0, 1]],
    ['oblique', [0.8, 0, -0.6, 0, 1, 0, 0.6, 0, 0.8]],
  ] as const)('%s grid: no errors, no warnings', (name, direction) => {
    const grid: Grid = {
      dims: [30, 26, 6],
      spacing: [0.8, 0.7, 2.5],
      origin: [-10, -20, 0],
      direction: [...direction],
    };
    const source = makeCtSeries(30, 26, 6, grid.spacing);
    const ds = buildRtstructDataset({
      labels: sampleLabels(grid),
      segments: SAMPLE_SEGMENTS,
      source,
      study: studyContext(source[0]!),
      seriesInstanceUid: '2.25.81',
      sopInstanceUid: '2.25.82',
      seriesNumber: 9004,
      software: { manufacturer: 'LiverPlan', modelName: 'LiverPlan', version: '0.1.0', deviceSerialNumber: 'dev' },
      at: new Date('2026-01-02T03:04:05Z'),
    });
    const file = join(dir, `${name}.dcm`);
    writeFileSync(file, writeInstance(ds));
    // dciodvfy exits 0 even when it finds errors: read its report.
    const out = execFileSync('sh', ['-c', `dciodvfy "${file}" 2>&1 || true`], { encoding: 'utf8' });
    expect(out).toMatch(/RTStructureSet/);
    expect(out.split('\n').filter((l) => /^(Error|Warning)/.test(l))).toEqual([]);
  });
});
