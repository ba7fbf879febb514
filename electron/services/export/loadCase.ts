import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { CASE_FILE, LABELS_FILE, caseDocumentSchema, type CaseDocument } from '../../../shared/case/model';
import { readInstance, type NaturalDataset } from '../../../shared/dicom/writeInstance';
import { sameGrid, type Labelmap, type ScalarVolume, type Vec3 } from '../../../shared/volume/grid';
import { loadSeriesVolume } from '../dicom/loadSeries';
import { derivedObjectsRefusal } from '../../../shared/dicom/regularVolume';
import type { SlicePlane } from '../../../shared/dicom/stackGeometry';
import { decodeNiftiLabelmap } from '../../../shared/volume/nifti';

export interface LoadedCase {
  caseDir: string;
  caseDoc: CaseDocument;
  labels: Labelmap;
  /** Reference series instances sorted along the slice normal (source[k] = slice k), with their file bytes. */
  source: NaturalDataset[];
  sourceBytes: Uint8Array[];
  /** HU on the labels grid; absent when the pixel data is compressed (statistics then omit HU). */
  volume?: ScalarVolume;
}

const NATIVE_SYNTAXES = new Set(['1.2.840.10008.1.2', '1.2.840.10008.1.2.1']);

/** Reads case.json, labels.nii.gz and the reference series of a case folder, checking they agree. */
export async function loadCase(caseDir: string): Promise<LoadedCase> {
  let caseDoc: CaseDocument;
  try {
    caseDoc = caseDocumentSchema.parse(JSON.parse(await readFile(join(caseDir, CASE_FILE), 'utf8')));
  } catch (e) {
    throw new Error(`${join(caseDir, CASE_FILE)} is missing or invalid: ${(e as Error).message.split('\n')[0]}`);
  }
  const labels = decodeNiftiLabelmap(new Uint8Array(await readFile(join(caseDir, LABELS_FILE))));
  const series = caseDoc.series.find((s) => s.seriesInstanceUid === caseDoc.referenceSeriesUid);
  if (!series?.files.length)
    throw new Error(`case.json lists no files for the reference series ${caseDoc.referenceSeriesUid}`);
  const paths = series.files.map((f) => (isAbsolute(f) ? f : join(caseDir, f)));
  const loaded = await Promise.all(
    paths.map(async (path) => {
      const bytes = new Uint8Array(await readFile(path));
      return { bytes, ds: readInstance(bytes) };
    }),
  );
  const iop = (loaded[0]!.ds.ImageOrientationPatient as number[]).map(Number);
  const normal = [
    iop[1]! * iop[5]! - iop[2]! * iop[4]!,
    iop[2]! * iop[3]! - iop[0]! * iop[5]!,
    iop[0]! * iop[4]! - iop[1]! * iop[3]!,
  ];
  const along = (ds: NaturalDataset) =>
    (ds.ImagePositionPatient as number[]).reduce((sum, v, n) => sum + Number(v) * normal[n]!, 0);
  loaded.sort((a, b) => along(a.ds) - along(b.ds));
  // A tilted or unevenly spaced series is segmented on its resampled grid: its stored pixels are
  // not the labels' voxels (HU read from them were wrong), nor can SEG/SR frames name them.
  const refusal = derivedObjectsRefusal(loaded.map(({ ds }) => planeOf(ds)));
  if (refusal) throw new Error(refusal);
  const [nx, ny, nz] = labels.grid.dims;
  const first = loaded[0]!.ds;
  if (loaded.length !== nz || Number(first.Columns) !== nx || Number(first.Rows) !== ny) {
    throw new Error(
      `labels grid ${nx}x${ny}x${nz} does not match the reference series (${first.Columns}x${first.Rows}x${loaded.length})`,
    );
  }
  const source = loaded.map((l) => l.ds);
  // Native pixel data is read directly; compressed series go through the series loader and its codecs.
  let volume = toVolume(source, labels);
  if (!volume) {
    const decoded = await loadSeriesVolume(paths, { seriesInstanceUid: caseDoc.referenceSeriesUid }).catch(
      () => undefined,
    );
    if (decoded && sameGrid(decoded.volume.grid, labels.grid)) volume = decoded.volume;
  }
  return { caseDir, caseDoc, labels, source, sourceBytes: loaded.map((l) => l.bytes), volume };
}

function planeOf(ds: NaturalDataset): SlicePlane {
  const num = (v: unknown) => (Array.isArray(v) ? v.map(Number) : []);
  const spacing = num(ds.PixelSpacing);
  return {
    position: num(ds.ImagePositionPatient) as Vec3,
    orientation: num(ds.ImageOrientationPatient) as SlicePlane['orientation'],
    pixelSpacing: [spacing[0] ?? 1, spacing[1] ?? 1],
    rows: Number(ds.Rows),
    columns: Number(ds.Columns),
  };
}

function toVolume(source: NaturalDataset[], labels: Labelmap): ScalarVolume | undefined {
  const [nx, ny] = labels.grid.dims;
  const data = new Float32Array(labels.data.length);
  for (const [k, ds] of source.entries()) {
    const syntax = String((ds._meta as NaturalDataset | undefined)?.TransferSyntaxUID ?? '');
    const pixels = (ds.PixelData as ArrayBuffer[] | undefined)?.[0];
    if (!NATIVE_SYNTAXES.has(syntax) || !pixels || Number(ds.BitsAllocated) !== 16) return undefined;
    const px =
      Number(ds.PixelRepresentation) === 1 ? new Int16Array(pixels, 0, nx * ny) : new Uint16Array(pixels, 0, nx * ny);
    const slope = Number(ds.RescaleSlope ?? 1) || 1;
    const intercept = Number(ds.RescaleIntercept ?? 0) || 0;
    for (let n = 0; n < px.length; n++) data[k * nx * ny + n] = px[n]! * slope + intercept;
  }
  return { grid: labels.grid, data };
}
