import type { DataSet } from 'dicom-parser';
import type { DerivedKind } from './derivedKind';
import { unusableReason } from './derivedUsable';

/** A derived object found by a scan, attached to its study and the series it references. */
export interface DerivedObject {
  path: string;
  kind: DerivedKind;
  sopClassUid: string;
  sopInstanceUid: string;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  frameOfReferenceUid: string;
  modality: string;
  seriesNumber: number;
  seriesDescription: string;
  patientId: string;
  patientName: string;
  studyDate: string;
  studyDescription: string;
  /** Series whose instances it was made from or points at (SEG, SR evidence, RTSTRUCT, PR, KO). */
  referencedSeriesUids: string[];
  /** One line for the browser: SEG segments, SR document title, RTSTRUCT ROI names... */
  summary: string;
  /** Why LiverPlan cannot use it (shared/dicom/derivedUsable), for the import summary; absent when it can. */
  unusable?: string;
}

const SEG_CLASSES = new Set(['1.2.840.10008.5.1.4.1.1.66.4', '1.2.840.10008.5.1.4.1.1.66.7']);
const KO_CLASS = '1.2.840.10008.5.1.4.1.1.88.59';
const RTSTRUCT_CLASS = '1.2.840.10008.5.1.4.1.1.481.3';
const PDF_CLASS = '1.2.840.10008.5.1.4.1.1.104.1';

/**
 * The derived kind of a SOP class, or null for an image (anything else is
 * tried as an image and refused with its own reason if it is not one).
 */
export function derivedKindOf(sopClassUid: string, modality = ''): DerivedKind | null {
  const c = sopClassUid;
  if (SEG_CLASSES.has(c)) return 'SEG';
  if (c === KO_CLASS) return 'KO';
  if (c.startsWith('1.2.840.10008.5.1.4.1.1.88.')) return 'SR';
  if (c === RTSTRUCT_CLASS) return 'RTSTRUCT';
  if (c.startsWith('1.2.840.10008.5.1.4.1.1.481.')) return 'RT';
  if (c.startsWith('1.2.840.10008.5.1.4.1.1.11.')) return 'PR';
  if (c === PDF_CLASS) return 'PDF';
  if (c.startsWith('1.2.840.10008.5.1.4.1.1.104.')) return 'DOC';
  // Spatial registration, fiducials, deformable registration, surface segmentation, tractography.
  if (/^1\.2\.840\.10008\.5\.1\.4\.1\.1\.66\.[1-6]$/.test(c)) return 'REG';
  // Objects whose SOP class is missing or private but whose modality says what they are.
  const byModality: Record<string, DerivedKind> = {
    SEG: 'SEG',
    SR: 'SR',
    KO: 'KO',
    PR: 'PR',
    RTSTRUCT: 'RTSTRUCT',
    RTPLAN: 'RT',
    RTDOSE: 'RT',
    RTRECORD: 'RT',
    REG: 'REG',
    DOC: 'DOC',
  };
  return byModality[modality.toUpperCase()] ?? null;
}

const str = (ds: DataSet | undefined, tag: string) => ds?.string(tag)?.trim() ?? '';
const items = (ds: DataSet | undefined, tag: string) => ds?.elements[tag]?.items?.map((i) => i.dataSet!) ?? [];

/**
 * SeriesInstanceUIDs nested anywhere below the top level: SEG and PR
 * (ReferencedSeriesSequence), SR and KO (evidence sequences), RTSTRUCT
 * (RTReferencedSeriesSequence) all carry them in sequence items. Frame
 * functional groups are skipped: they hold instance references only and can
 * have thousands of items.
 */
function nestedSeriesUids(ds: DataSet, own: string): string[] {
  const found = new Set<string>();
  const skip = new Set(['x52009230', 'x52009229', 'x00400a730']);
  const walk = (d: DataSet, depth: number) => {
    if (depth > 0) {
      const u = str(d, 'x0020000e');
      if (u && u !== own) found.add(u);
    }
    for (const [tag, el] of Object.entries(d.elements))
      if (el.items && !skip.has(tag)) for (const it of el.items) if (it.dataSet) walk(it.dataSet, depth + 1);
  };
  walk(ds, 0);
  return [...found];
}

/** What the browser says about the object beside its kind. */
function summaryOf(ds: DataSet, kind: DerivedKind): string {
  const list = (names: string[]) =>
    names.length > 6 ? `${names.slice(0, 6).join(', ')} and ${names.length - 6} more` : names.join(', ');
  if (kind === 'SEG') {
    const labels = items(ds, 'x00620002').map((s) => str(s, 'x00620005') || `Segment ${str(s, 'x00620004')}`);
    const type = str(ds, 'x00620001') || 'LABELMAP';
    return `${type.toLowerCase()}, ${labels.length} segment(s): ${list(labels)}`;
  }
  if (kind === 'RTSTRUCT') {
    const rois = items(ds, 'x30060020').map((r) => str(r, 'x30060026'));
    return `${str(ds, 'x30060002') || 'structure set'}, ${rois.length} ROI(s): ${list(rois)}`;
  }
  if (kind === 'SR' || kind === 'KO') return str(items(ds, 'x0040a043')[0], 'x00080104') || str(ds, 'x0008103e');
  if (kind === 'PDF') return str(ds, 'x00420010') || 'PDF document';
  return str(ds, 'x0008103e');
}

/** Reads a derived object's identity and references from a dicom-parser dataset. */
export function readDerivedObject(ds: DataSet, kind: DerivedKind, path: string): DerivedObject {
  const seriesInstanceUid = str(ds, 'x0020000e');
  let frameOfReferenceUid = str(ds, 'x00200052');
  // RTSTRUCT names its frame of reference inside ReferencedFrameOfReferenceSequence.
  if (!frameOfReferenceUid) frameOfReferenceUid = str(items(ds, 'x30060010')[0], 'x00200052');
  const referencedSeriesUids = nestedSeriesUids(ds, seriesInstanceUid);
  const unusable = unusableReason(ds, kind, referencedSeriesUids);
  return {
    path,
    kind,
    sopClassUid: str(ds, 'x00080016') || str(ds, 'x00020002'),
    sopInstanceUid: str(ds, 'x00080018') || str(ds, 'x00020003') || `path:${path}`,
    studyInstanceUid: str(ds, 'x0020000d') || `derived-study:${str(ds, 'x00100020')}|${str(ds, 'x00080020')}`,
    seriesInstanceUid,
    frameOfReferenceUid,
    modality: str(ds, 'x00080060'),
    seriesNumber: Number(str(ds, 'x00200011')) || 0,
    seriesDescription: str(ds, 'x0008103e'),
    patientId: str(ds, 'x00100020'),
    patientName: str(ds, 'x00100010').replace(/\^+/g, ' ').trim(),
    studyDate: str(ds, 'x00080020'),
    studyDescription: str(ds, 'x00081030'),
    referencedSeriesUids,
    summary: summaryOf(ds, kind),
    ...(unusable ? { unusable } : {}),
  };
}
