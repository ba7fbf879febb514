import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeSeries } from '../../../shared/dicom/makeSeries';
import { writeInstance } from '../../../shared/dicom/writeInstance';
import { decodeInstance } from './decodeInstance';
import { listFiles } from './listFiles';
import { loadSeriesVolume } from './loadSeries';
import { workerEntry } from './scanHeaders';
import { scanPaths } from './scanPaths';
import { readFileSync } from 'node:fs';

const root = mkdtempSync(join(tmpdir(), 'lp-dicom-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function writeSeries(dir: string, files: { name: string; bytes: Uint8Array }[]): string[] {
  mkdirSync(dir, { recursive: true });
  return files.map((f) => {
    const p = join(dir, f.name);
    writeFileSync(p, f.bytes);
    return p;
  });
}

describe('Node decoding of transfer syntaxes (bit-exact against dcmtk copies)', () => {
  const dir = join(root, 'ts');
  const [src] = writeSeries(
    dir,
    makeSeries({ rows: 12, columns: 16, slices: 1, value: (i, j) => ((i * 37 + j * 101) % 3000) - 1024 }),
  );
  const copies: Array<[string, string, string[]]> = [
    ['implicit little endian', 'dcmconv', ['+ti']],
    ['explicit big endian', 'dcmconv', ['+tb']],
    ['deflate', 'dcmconv', ['+td']],
    ['JPEG lossless SV1', 'dcmcjpeg', ['+e1']],
    ['JPEG lossless process 14', 'dcmcjpeg', ['+el']],
    ['JPEG-LS lossless', 'dcmcjpls', []],
    ['RLE', 'dcmcrle', []],
  ];
  it.each(copies)('%s', async (_name, tool, args) => {
    const out = join(dir, `${tool}${args.join('')}.dcm`);
    execFileSync(tool, [...args, src!, out]);
    const ref = await decodeInstance(new Uint8Array(readFileSync(src!)));
    const got = await decodeInstance(new Uint8Array(readFileSync(out)));
    expect(got.transferSyntaxUid).not.toBe(ref.transferSyntaxUid);
    expect(Array.from(got.frames[0]!)).toEqual(Array.from(ref.frames[0]!));
  });
});

describe('JPEG baseline (lossy, 8-bit)', () => {
  it('decodes a dcmcjpeg baseline copy close to the original', async () => {
    const dir = join(root, 'jpeg8');
    const [src] = writeSeries(
      dir,
      makeSeries({ rows: 16, columns: 16, slices: 1, bitsAllocated: 8, value: (i, j) => 8 * i + 4 * j }),
    );
    const out = join(dir, 'baseline.dcm');
    execFileSync('dcmcjpeg', ['+eb', '+q', '95', src!, out]);
    const ref = (await decodeInstance(new Uint8Array(readFileSync(src!)))).frames[0]!;
    const got = await decodeInstance(new Uint8Array(readFileSync(out)));
    expect(got.transferSyntaxUid).toBe('1.2.840.10008.1.2.4.50');
    const maxErr = Math.max(...Array.from(ref, (v, n) => Math.abs(v - got.frames[0]![n]!)));
    expect(maxErr).toBeLessThanOrEqual(6);
  });
});

describe('JPEG extended (lossy, 12-bit)', () => {
  it('decodes a dcmcjpeg 12-bit extended copy close to the original', async () => {
    const dir = join(root, 'jpeg12');
    const [src] = writeSeries(
      dir,
      makeSeries({
        rows: 16,
        columns: 16,
        slices: 1,
        signed: false,
        value: (i, j) => 200 * i + 50 * j,
        extra: { BitsStored: 12, HighBit: 11 },
      }),
    );
    const out = join(dir, 'extended.dcm');
    execFileSync('dcmcjpeg', ['+ee', '+q', '100', src!, out]);
    const ref = (await decodeInstance(new Uint8Array(readFileSync(src!)))).frames[0]!;
    const got = await decodeInstance(new Uint8Array(readFileSync(out)));
    expect(got.transferSyntaxUid).toBe('1.2.840.10008.1.2.4.51');
    const maxErr = Math.max(...Array.from(ref, (v, n) => Math.abs(v - got.frames[0]![n]!)));
    expect(maxErr).toBeLessThanOrEqual(40);
  });
});

describe('scanPaths', () => {
  const dir = join(root, 'scan');
  const series = makeSeries({ slices: 5, description: 'PORTAL VENOUS' });
  writeSeries(join(dir, 'a', 'b'), [...series].reverse());
  writeFileSync(join(dir, 'notes.txt'), 'hello, not DICOM '.repeat(20));
  writeFileSync(join(dir, 'empty.dcm'), new Uint8Array(0));
  writeFileSync(join(dir, 'truncated.dcm'), series[0]!.bytes.subarray(0, series[0]!.bytes.length - 40));
  const sr = writeInstance({
    SOPClassUID: '1.2.840.10008.5.1.4.1.1.88.11',
    SOPInstanceUID: '2.25.5',
    Modality: 'SR',
    StudyInstanceUID: '2.25.4242.1',
  });
  writeFileSync(join(dir, 'report.dcm'), sr);

  it.each([0, 2])('groups the series and lists bad files with reasons (workers: %i)', async (workers) => {
    const progress: number[] = [];
    const r = await scanPaths([dir], { workers, onProgress: (p) => progress.push(p.done) });
    expect(r.filesScanned).toBe(9);
    expect(progress.at(-1)).toBe(9);
    const s = r.studies[0]!.series[0]!;
    expect(s.imageCount).toBe(5);
    expect(s.phase.label).toBe('portal_venous');
    const reasons = Object.fromEntries(r.unreadable.map((u) => [u.path.split('/').pop(), u.reason]));
    expect(reasons['notes.txt']).toMatch(/not a DICOM file/);
    expect(reasons['empty.dcm']).toMatch(/not a DICOM file \(0 bytes\)/);
    expect(reasons['truncated.dcm']).toMatch(/truncated/);
    // An SR is a derived object of its study, not an unreadable image.
    expect(reasons['report.dcm']).toBeUndefined();
    expect(r.studies.find((st) => st.studyInstanceUid === '2.25.4242.1')!.derived.map((d) => d.kind)).toEqual(['SR']);
    expect(r.accounted).toEqual({ images: 5, duplicates: 0, derived: 1, unreadable: 3, total: 9 });
  });

  it('finds the header worker script when running from sources', () => {
    expect(workerEntry()?.pathname).toMatch(/headerWorkerTs\.mjs$/);
  });

  it('cancels', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(scanPaths([dir], { signal: ac.signal, workers: 2 })).rejects.toThrow();
  });

  it('follows a DICOMDIR to the files it lists', async () => {
    const cd = join(root, 'cd');
    writeSeries(
      join(cd, 'DATA'),
      makeSeries({ slices: 2, extra: { StudyID: '1' } }).map((f, n) => ({ ...f, name: `IM${n}` })),
    );
    execFileSync('dcmmkdir', ['-Pgp', '+I', '+r', '+id', cd, '+D', join(cd, 'DICOMDIR'), 'DATA']);
    const { files } = await listFiles([join(cd, 'DICOMDIR')]);
    expect(files.map((f) => f.slice(cd.length + 1))).toEqual(['DATA/IM0', 'DATA/IM1']);
  });
});

describe('loadSeriesVolume', () => {
  it('decodes a series into HU on its grid', async () => {
    const dir = join(root, 'load');
    writeSeries(
      dir,
      makeSeries({
        slices: 4,
        rescaleIntercept: -1024,
        signed: false,
        value: (i, j, k) => 1000 + i + 10 * j + 100 * k,
      }),
    );
    const { volume, series, resampled } = await loadSeriesVolume(dir);
    expect(volume.grid.dims).toEqual([5, 4, 4]);
    expect(volume.grid.spacing[2]).toBeCloseTo(2.5);
    expect(volume.data).toBeInstanceOf(Int16Array);
    expect(volume.data[1 + 5 * 2 + 20 * 3]).toBe(1000 + 1 + 20 + 300 - 1024);
    expect(series.imageCount).toBe(4);
    expect(resampled).toBeNull();
  });
  it('resamples a tilted stack onto an orthogonal grid and says so', async () => {
    const dir = join(root, 'tilt');
    // Values depend on the patient y position only, so the shear must be undone exactly.
    const ps = 1;
    const shear = 1;
    writeSeries(
      dir,
      makeSeries({
        slices: 3,
        rows: 6,
        columns: 4,
        pixelSpacing: [ps, ps],
        shearPerSlice: shear,
        sliceStep: 2,
        value: (_i, j, k) => 10 * (j + k * shear),
      }),
    );
    const { volume, resampled } = await loadSeriesVolume(dir);
    expect(resampled).toMatch(/gantry tilt/);
    // Target voxel (i, j=2, k=2) lies at source row j - 2 = 0 of slice 2: value 10 * (0 + 2) = 20.
    expect(volume.data[0 + 4 * 2 + 24 * 2]).toBeCloseTo(20);
    expect(volume.data[0 + 4 * 5 + 24 * 1]).toBeCloseTo(50);
  });
  it('refuses a series with missing slices, with the reason', async () => {
    const dir = join(root, 'gap');
    writeSeries(dir, makeSeries({ slices: 8, drop: [3, 4] }));
    await expect(loadSeriesVolume(dir)).rejects.toThrow(/refused: About 2 slice\(s\) missing/);
  });
});

describe('dicom service: persistent study index', () => {
  it('reopens without a rescan, keeps the phase override and notices missing files', async () => {
    const { createDicomService } = await import('./dicomService');
    const userDataDir = join(root, 'user');
    const dir = join(root, 'indexed');
    const paths = writeSeries(dir, makeSeries({ slices: 3, description: 'ART' }));
    const ids: string[] = [];
    const svc = createDicomService({ userDataDir, registerFile: (p) => (ids.push(p), `id${ids.length}`), workers: 0 });
    const scanned = await svc.scan({ paths: [dir] });
    const uid = scanned.studies[0]!.series[0]!.seriesInstanceUid;
    expect(scanned.studies[0]!.series[0]!.fileIds).toHaveLength(3);
    expect(await svc.setPhase({ seriesInstanceUid: uid, label: 'late_arterial' })).toEqual({ saved: true });
    rmSync(paths[1]!);
    // A new service instance = a restart: reads the JSON, no rescan.
    const again = createDicomService({ userDataDir, registerFile: (p) => p });
    const idx = await again.index();
    expect(idx.missingFiles).toBe(1);
    const s = idx.studies[0]!.series[0]!;
    expect(s.phase.label).toBe('arterial');
    expect(s.phaseOverride).toBe('late_arterial');
    expect(s.findings.map((f) => f.code)).toContain('files-missing');
    expect(s.fileIds).toEqual(paths);
  });
});

describe('enhanced multi-frame CT', () => {
  it('reads per-frame positions and shared rescale, sorts frames along the normal', async () => {
    const { makeEnhancedCt } = await import('../../../shared/dicom/testing/makeEnhanced');
    const dir = join(root, 'enhanced');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'mf.dcm'),
      makeEnhancedCt({ rows: 3, columns: 4, frames: 4, step: 1.5, origin: [5, 6, 7], frameOrder: [2, 0, 3, 1] }),
    );
    const { volume, series } = await loadSeriesVolume(dir);
    expect(series.imageCount).toBe(4);
    expect(volume.grid.dims).toEqual([4, 3, 4]);
    expect(volume.grid.spacing).toEqual([0.6, 0.5, 1.5]);
    expect(volume.grid.origin).toEqual([5, 6, 7]);
    for (let k = 0; k < 4; k++) expect(volume.data[k * 12 + 5]).toBe(5 + 100 * k - 1024);
  });
});
