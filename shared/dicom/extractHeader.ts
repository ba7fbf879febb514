import dicomParser from 'dicom-parser';
import type { DataSet } from 'dicom-parser';
import type { Vec3 } from '../volume/grid';
import { derivedKindOf, readDerivedObject, type DerivedObject } from './derivedObject';
import { inflateDataset } from './inflateDataset';
import type { FrameGeometry, InstanceHeader } from './instanceHeader';
import { thrownMessage } from './thrownMessage';
import { UnreadableError } from './unreadable';

const PIXEL_DATA = 'x7fe00010';

/** DICOM TM (HHMMSS.frac, or with colons in old files) as seconds since midnight; NaN if absent. */
export function parseDicomTime(tm: string | undefined): number {
  if (!tm) return NaN;
  const t = tm.trim().replace(/:/g, '');
  const m = /^(\d{2})(\d{2})?(\d{2})?(\.\d+)?/.exec(t);
  if (!m) return NaN;
  return Number(m[1]) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0) + Number(m[4] ?? 0);
}

function str(ds: DataSet | undefined, tag: string): string {
  return ds?.string(tag)?.trim() ?? '';
}

function num(ds: DataSet | undefined, tag: string, fallback = NaN): number {
  const s = ds?.string(tag);
  if (s === undefined || s.trim() === '') return fallback;
  const v = Number(s.split('\\')[0]);
  return Number.isFinite(v) ? v : fallback;
}

function us(ds: DataSet, tag: string, fallback: number): number {
  return ds.elements[tag] ? (ds.uint16(tag) ?? fallback) : fallback;
}

function decimals(ds: DataSet | undefined, tag: string, count: number): number[] | null {
  const s = ds?.string(tag);
  if (!s) return null;
  // Number('') is 0: an empty DS component must not become a zero spacing or position.
  const v = s.split('\\').map((x) => (x.trim() === '' ? NaN : Number(x)));
  if (v.length < count || v.slice(0, count).some((x) => !Number.isFinite(x))) return null;
  return v.slice(0, count);
}

/** Spacings must be > 0; anything else is treated as absent (and reported as such). */
function positive(v: number[] | null): number[] | null {
  return v && v.every((x) => x > 0) ? v : null;
}

function firstItem(ds: DataSet | undefined, tag: string): DataSet | undefined {
  return ds?.elements[tag]?.items?.[0]?.dataSet;
}

function geometryOf(ds: DataSet | undefined): FrameGeometry {
  return {
    position: decimals(ds, 'x00200032', 3) as Vec3 | null,
    orientation: decimals(ds, 'x00200037', 6) as FrameGeometry['orientation'],
    pixelSpacing: positive(decimals(ds, 'x00280030', 2)) as [number, number] | null,
  };
}

/** Enhanced multi-frame: geometry lives in functional group macros, shared or per frame. */
function functionalGeometry(group: DataSet | undefined): FrameGeometry {
  return {
    position: geometryOf(firstItem(group, 'x00209113')).position,
    orientation: geometryOf(firstItem(group, 'x00209116')).orientation,
    pixelSpacing: geometryOf(firstItem(group, 'x00289110')).pixelSpacing,
  };
}

function merge(a: FrameGeometry, b: FrameGeometry): FrameGeometry {
  return {
    position: a.position ?? b.position,
    orientation: a.orientation ?? b.orientation,
    pixelSpacing: a.pixelSpacing ?? b.pixelSpacing,
  };
}

function parse(bytes: Uint8Array): DataSet {
  try {
    // untilTag stops before the pixel values, so a header-only read of a big file still parses.
    return dicomParser.parseDicom(bytes, { untilTag: PIXEL_DATA, inflater: inflateDataset });
  } catch (e) {
    const msg =
      e instanceof Error
        ? e.message
        : typeof e === 'string'
          ? e
          : String((e as { exception?: string })?.exception ?? e);
    if (/DICM|prefix/i.test(msg)) throw new UnreadableError('not a DICOM file (no DICM prefix at byte 128)');
    if (/overrun|beyond|end of buffer|eof/i.test(msg)) throw new UnreadableError(`truncated or corrupt file (${msg})`);
    throw new UnreadableError(`malformed DICOM header (${msg})`);
  }
}

/**
 * Reads the header fields LiverPlan needs from Part 10 bytes (dicom-parser).
 * `bytes` may be just the start of the file; `fileSize` is then the full size,
 * used to tell a truncated pixel data element from a partial read.
 * Throws UnreadableError with a specific reason for anything not importable.
 */
export function extractHeader(bytes: Uint8Array, path = '', fileSize = bytes.length): InstanceHeader {
  const r = extractInstance(bytes, path, fileSize);
  if ('derived' in r) throw new UnreadableError(`a ${r.derived.kind} object, not an image`);
  return r.header;
}

/**
 * Like extractHeader, but a derived object (SEG, SR, RTSTRUCT, KO, PR, PDF, RT,
 * registration), recognised by its SOP class before any pixel checks, comes
 * back as such instead of being refused as an image.
 */
export function extractInstance(
  bytes: Uint8Array,
  path = '',
  fileSize = bytes.length,
): { header: InstanceHeader } | { derived: DerivedObject } {
  try {
    const ds = parse(bytes);
    const kind = derivedKindOf(str(ds, 'x00080016') || str(ds, 'x00020002'), str(ds, 'x00080060'));
    if (!kind) return { header: readFields(ds, path, fileSize) };
    checkPixelLength(ds, fileSize);
    return { derived: readDerivedObject(ds, kind, path) };
  } catch (e) {
    if (e instanceof UnreadableError || e instanceof Error) throw e;
    // dicom-parser's lazy accessors throw strings on elements that run past the buffer.
    throw new UnreadableError(`malformed DICOM header (${thrownMessage(e)})`);
  }
}

/** Native pixel data must fit in the file (encapsulated data has undefined length). */
function checkPixelLength(ds: DataSet, fileSize: number): void {
  const px = ds.elements[PIXEL_DATA];
  // Offsets of a deflated dataset refer to the inflated bytes, so the check does not apply.
  const deflated = str(ds, 'x00020010') === '1.2.840.10008.1.2.1.99';
  if (!px || deflated || px.length === 0xffffffff || px.hadUndefinedLength) return;
  if (px.dataOffset + px.length > fileSize)
    throw new UnreadableError(`truncated: pixel data needs ${px.dataOffset + px.length} bytes, file has ${fileSize}`);
}

function readFields(ds: DataSet, path: string, fileSize: number): InstanceHeader {
  const tsUid = str(ds, 'x00020010');
  const px = ds.elements[PIXEL_DATA];
  const sopClassUid = str(ds, 'x00080016') || str(ds, 'x00020002');
  if (sopClassUid === '1.2.840.10008.1.3.10') throw new UnreadableError('DICOMDIR (read as an index, not an image)');
  if (!px) {
    const modality = str(ds, 'x00080060');
    throw new UnreadableError(`no pixel data${modality ? ` (modality ${modality})` : ''}`);
  }
  checkPixelLength(ds, fileSize);
  const rows = us(ds, 'x00280010', 0);
  const columns = us(ds, 'x00280011', 0);
  if (!rows || !columns) throw new UnreadableError('missing Rows/Columns');
  const bitsAllocated = us(ds, 'x00280100', 0);
  if (![8, 16, 32].includes(bitsAllocated))
    throw new UnreadableError(`unsupported BitsAllocated ${bitsAllocated || 'missing'}`);

  const shared = ds.elements['x52009229']?.items?.[0]?.dataSet;
  const perFrame = ds.elements['x52009230']?.items;
  const numberOfFrames = Math.max(1, num(ds, 'x00280008', 1));
  let geometry = geometryOf(ds);
  let frames: FrameGeometry[] | null = null;
  if (shared || perFrame) {
    geometry = merge(geometry, functionalGeometry(shared));
    frames = (perFrame ?? []).map((item) => merge(functionalGeometry(item.dataSet), geometry));
  }
  const mrDiffusion = firstItem(shared, 'x00189117');
  const derivedUids: string[] = [];
  const studyDate = str(ds, 'x00080020');
  const patientId = str(ds, 'x00100020');
  const modality = str(ds, 'x00080060');
  const seriesNumber = num(ds, 'x00200011', 0);
  const seriesDescription = str(ds, 'x0008103e');

  let sopInstanceUid = str(ds, 'x00080018');
  if (!sopInstanceUid) {
    sopInstanceUid = str(ds, 'x00020003') || `path:${path}`;
    derivedUids.push('SOPInstanceUID');
  }
  let studyInstanceUid = str(ds, 'x0020000d');
  if (!studyInstanceUid) {
    // Same patient, same day, same accession: the best stand-in for a study.
    studyInstanceUid = `derived-study:${patientId}|${studyDate}|${str(ds, 'x00080050')}`;
    derivedUids.push('StudyInstanceUID');
  }
  let seriesInstanceUid = str(ds, 'x0020000e');
  if (!seriesInstanceUid) {
    seriesInstanceUid = `derived-series:${studyInstanceUid}|${modality}|${seriesNumber}|${seriesDescription}`;
    derivedUids.push('SeriesInstanceUID');
  }

  return {
    path,
    transferSyntaxUid: tsUid,
    sopClassUid,
    sopInstanceUid,
    studyInstanceUid,
    seriesInstanceUid,
    frameOfReferenceUid: str(ds, 'x00200052'),
    patientId,
    patientName: str(ds, 'x00100010').replace(/\^+/g, ' ').trim(),
    studyDate,
    studyTime: str(ds, 'x00080030'),
    studyDescription: str(ds, 'x00081030'),
    seriesDescription,
    protocolName: str(ds, 'x00181030'),
    seriesNumber,
    instanceNumber: num(ds, 'x00200013', 0),
    acquisitionNumber: num(ds, 'x00200012', 0),
    temporalPosition: num(ds, 'x00200100', 0),
    modality,
    imageType: str(ds, 'x00080008').toUpperCase().split('\\').filter(Boolean),
    rows,
    columns,
    numberOfFrames,
    bitsAllocated,
    bitsStored: us(ds, 'x00280101', bitsAllocated),
    pixelRepresentation: us(ds, 'x00280103', 0),
    samplesPerPixel: us(ds, 'x00280002', 1),
    photometricInterpretation: str(ds, 'x00280004') || 'MONOCHROME2',
    rescaleSlope: num(ds, 'x00281053', num(firstItem(shared, 'x00289145'), 'x00281053', 1)),
    rescaleIntercept: num(ds, 'x00281052', num(firstItem(shared, 'x00289145'), 'x00281052', 0)),
    windowCenter: num(ds, 'x00281050', num(firstItem(shared, 'x00289132'), 'x00281050')),
    windowWidth: num(ds, 'x00281051', num(firstItem(shared, 'x00289132'), 'x00281051')),
    geometry,
    frames,
    contrastBolusAgent: str(ds, 'x00180010'),
    contrastBolusRoute: str(ds, 'x00181040'),
    contrastStartTime: parseDicomTime(ds.string('x00181042')),
    acquisitionTime: parseDicomTime(ds.string('x00080032') ?? ds.string('x0008002a')?.slice(8)),
    seriesTime: parseDicomTime(ds.string('x00080031')),
    contentTime: parseDicomTime(ds.string('x00080033')),
    echoTime: num(ds, 'x00180081'),
    repetitionTime: num(ds, 'x00180080'),
    inversionTime: num(ds, 'x00180082'),
    diffusionBValue: num(ds, 'x00189087', mrDiffusion?.double('x00189087') ?? NaN),
    scanningSequence: str(ds, 'x00180020'),
    sequenceName: str(ds, 'x00180024'),
    derivedUids,
  };
}
