import type { DataSet } from 'dicom-parser';
import type { DerivedKind } from './derivedKind';

const str = (ds: DataSet | undefined, tag: string) => ds?.string(tag)?.trim() ?? '';
const items = (ds: DataSet | undefined, tag: string) => ds?.elements[tag]?.items?.map((i) => i.dataSet!) ?? [];

/** Kinds LiverPlan lists but never loads, and why, in the words the import summary uses. */
const NOT_LOADED: Partial<Record<DerivedKind, string>> = {
  KO: 'key object selection: LiverPlan does not use key-image lists',
  PR: 'presentation state: LiverPlan does not apply others’ display settings',
  PDF: 'PDF document: open it in a PDF reader; it holds no images or segments',
  DOC: 'encapsulated document: it holds no images or segments',
  RT: 'RT plan, dose or record: LiverPlan reads RT structure sets (RTSTRUCT) only',
  REG: 'registration, fiducials or surface: LiverPlan does not use them',
};

/**
 * Why a derived object cannot be used (loaded into a case or listed as
 * measurements), as one line for the import summary; undefined when it can.
 * Only what its header shows: a SEG or RTSTRUCT whose images were not
 * imported is told when the user tries to load it.
 */
export function unusableReason(ds: DataSet, kind: DerivedKind, referencedSeriesUids: string[]): string | undefined {
  if (kind === 'SR') {
    const template = str(items(ds, 'x0040a504')[0], 'x0040db00');
    const concept = items(ds, 'x0040a043')[0];
    const isReport =
      (str(concept, 'x00080100') === '126000' && str(concept, 'x00080102') === 'DCM') || template === '1500';
    if (isReport) return undefined;
    const title = str(concept, 'x00080104') || 'untitled';
    return `SR "${title}"${template ? ` (template ${template})` : ''} is not a TID 1500 measurement report: nothing to list`;
  }
  if (kind === 'RTSTRUCT') {
    if (!items(ds, 'x30060020').length) return 'RTSTRUCT without ROIs (StructureSetROISequence is empty)';
    const contours = items(ds, 'x30060039').flatMap((r) => items(r, 'x30060040'));
    if (!contours.length) return 'RTSTRUCT without contours (no ROI has a ContourSequence)';
    if (!referencedSeriesUids.length)
      return 'RTSTRUCT names no referenced series (RTReferencedSeriesSequence): its contours cannot be placed on images';
    return undefined;
  }
  return NOT_LOADED[kind];
}
