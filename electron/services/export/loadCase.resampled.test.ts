import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTestCase } from '../../../shared/export/testing/testCase';
import { makeSeries } from '../../../shared/dicom/makeSeries';
import { loadSeriesVolume } from '../dicom/loadSeries';
import { loadCase } from './loadCase';
import { CASE_FILE, LABELS_FILE } from '../../../shared/case/model';
import { encodeNifti } from '../../../shared/volume/nifti';
import { indexToPatient } from '../../../shared/volume/grid';

/** Before this refusal a tilted series exported with HU read from its stored pixels (100 HU read -24). */
const cases = [
  ['tilt', Array(30).fill(2), Math.tan((20 * Math.PI) / 180) * 2],
  ['uneven', [...Array(10).fill(2), ...Array(6).fill(5)], 0],
] as const;

describe('loadCase on a series measured on its resampled grid', () => {
  for (const [name, steps, shear] of cases)
    it(`refuses a ${name} series with the reason and the way on (NIfTI), never wrong HU`, async () => {
      const root = mkdtempSync(join(tmpdir(), 'probe-'));
      mkdirSync(join(root, 'series'));
      const zs = steps.reduce((z: number[], s) => [...z, z[z.length - 1]! + s], [0]);
      const files = makeSeries({
        rows: 40,
        columns: 40,
        slices: zs.length,
        pixelSpacing: [2, 2],
        sliceStep: [...steps],
        shearPerSlice: shear,
        origin: [-40, -40, 0],
        rescaleIntercept: -1024,
        signed: true,
        uidRoot: '2.25.99' + name.length,
        value: (i, j, k) => 1024 + (Math.hypot(-40 + i * 2, -40 + shear * k + j * 2, zs[k]! - 30) < 12 ? 100 : -100),
      });
      const names: string[] = [];
      for (const f of files) {
        writeFileSync(join(root, 'series', f.name), f.bytes);
        names.push(join('series', f.name));
      }
      const loaded = await loadSeriesVolume(join(root, 'series'));
      const g = loaded.volume.grid;
      const labels = new Uint8Array(loaded.volume.data.length);
      for (let n = 0; n < labels.length; n++) {
        const p = indexToPatient(
          g,
          n % g.dims[0],
          Math.floor(n / g.dims[0]) % g.dims[1],
          Math.floor(n / (g.dims[0] * g.dims[1])),
        );
        if (Math.hypot(p[0], p[1], p[2] - 30) < 12) labels[n] = 1;
      }
      const c = makeTestCase();
      c.caseDoc.series[0]!.seriesInstanceUid = loaded.series.seriesInstanceUid;
      c.caseDoc.series[0]!.files = names;
      c.caseDoc.referenceSeriesUid = loaded.series.seriesInstanceUid;
      c.caseDoc.segments = c.caseDoc.segments.slice(0, 1);
      writeFileSync(join(root, CASE_FILE), JSON.stringify(c.caseDoc));
      writeFileSync(join(root, LABELS_FILE), encodeNifti({ grid: g, data: labels }, { gzip: true }));
      await expect(loadCase(root)).rejects.toThrow(
        name === 'tilt'
          ? /resampled grid \(slices are sheared by 20 deg.*Export the segments as NIfTI/
          : /resampled grid \(slice spacing is not uniform.*Export the segments as NIfTI/,
      );
    });
});
