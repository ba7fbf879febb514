import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSeriesVolume } from '../../electron/services/dicom/loadSeries';
import { composeImport } from '../../shared/case/importSegments';
import { caseDocOf } from '../../shared/case/testing/caseDocOf';
import { measureCase as measureForExport } from '../../shared/export/buildCaseObjects';
import { CASE_LAYOUT, generateCase } from '../../shared/sample/generateCase';
import { readLabelFile } from '../../shared/seg/labelFile';
import { encodeNifti } from '../../shared/volume/nifti';
import { main } from '../main';

const dir = mkdtempSync(join(tmpdir(), 'lp-volumetry-agree-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('liverplan volumetry on a sample case', () => {
  it('gives the export path figures to the voxel: lesions with ids, burden, target masses', async () => {
    const { files, truth } = await generateCase('bilobar-burden', { phases: ['portal_venous'], postAblation: false });
    for (const [path, bytes] of files) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), bytes);
    }
    const series = dirname(
      join(
        dir,
        [...files.keys()].find((p) => p.startsWith(`${CASE_LAYOUT.dicomDir}/`))!,
      ),
    );
    const seg = join(dir, CASE_LAYOUT.segFile);
    const { volume } = await loadSeriesVolume(series);
    const { grid } = volume;
    const [nx] = grid.dims;
    // Target: the patient-right half of the grid (LPS x < 0 on this axial grid).
    const target = new Uint8Array(volume.data.length);
    for (let n = 0; n < target.length; n++) if (grid.origin[0] + (n % nx) * grid.spacing[0] < 0) target[n] = 1;
    const targetFile = join(dir, 'right.nii.gz');
    writeFileSync(targetFile, encodeNifti({ grid, data: target }, { gzip: true }));

    let out = '';
    const stream = { write: (s: string) => void (out += s) };
    expect(
      await main(['volumetry', '--image', series, '--labels', seg, '--target', targetFile, '--json'], stream, stream),
    ).toBe(0);
    const cli = JSON.parse(out);

    // The export/report path on the same file as the app imports it (labels = SEG segment numbers).
    const composed = composeImport(readLabelFile(readFileSync(seg), grid, 'seg'));
    expect(composed.segments.map((s) => s.index)).toEqual(composed.segments.map((s) => s.sourceNumber));
    const caseDoc = caseDocOf(
      composed.segments.map((s) => ({ label: s.index, name: s.name, kind: s.kind, type: s.type })),
    );
    const labels = { grid, data: composed.labels };
    const { figures } = measureForExport(caseDoc, labels, volume);
    const r = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;

    expect(cli.lesionCount).toBe(figures.lesionCount);
    expect(cli.lesionCount).toBe(truth.lesionCount);
    expect(cli.lesions.map((l: { id: string; voxels: number }) => [l.id, l.voxels])).toEqual(
      figures.lesions.map((l) => [l.id, l.voxels]),
    );
    expect(cli.lesions.every((l: { lobe: unknown }) => l.lobe === null)).toBe(true);
    expect(cli.tumourBurdenPercent).toBe(r(figures.burden!.percent, 2));
    expect(cli.burdenBin).toBe(figures.burden!.bin);
    expect(cli.wholeLiverMl).toBe(r(figures.wholeLiver!.ml, 3));
    expect(cli.intrahepaticVesselMl).toBeGreaterThan(0);

    // Target: tumour voxels counted independently on the labelmap; masses at 1.03 g/mL.
    const lesionLabels = new Set(caseDoc.segments.filter((s) => s.kind === 'lesion').map((s) => s.label));
    let tumourInTarget = 0;
    for (let n = 0; n < target.length; n++) if (target[n] && lesionLabels.has(labels.data[n]!)) tumourInTarget++;
    const voxelMl = figures.voxelVolumeMm3 / 1000;
    expect(cli.target.tumourMl).toBe(r(tumourInTarget * voxelMl, 3));
    expect(cli.target.normalMl).toBeGreaterThan(0);
    expect(cli.target.targetMl).toBeCloseTo(cli.target.tumourMl + cli.target.normalMl, 2);
    expect(cli.target.tumourKg).toBeCloseTo((cli.target.tumourMl * 1.03) / 1000, 3);
    expect(cli.target.normalKg).toBeCloseTo((cli.target.normalMl * 1.03) / 1000, 3);
    console.log(
      `bilobar-burden: ${cli.lesionCount} lesions (truth ${truth.lesionCount}), burden ${cli.tumourBurdenPercent}% (truth ${truth.tumourBurdenPercent}%), ` +
        `whole liver ${cli.wholeLiverMl} mL (truth ${truth.liverVolumeMl}), target tumour ${cli.target.tumourMl} mL / normal ${cli.target.normalMl} mL` +
        ` = ${cli.target.tumourKg} / ${cli.target.normalKg} kg`,
    );
  }, 240_000);
});
