import type { NaturalDataset } from '../dicom/writeInstance';
import { SR_CODES, sameCode, type Code } from './codes';
import type { SrDocument, SrMeasurement, SrMeasurementGroup } from './types';

/** Reads a TID 1500 report written by buildSrDataset (or any conforming volumetric one). */
export function readSr(ds: NaturalDataset): SrDocument {
  const items = asArray(ds.ContentSequence);
  const measurements = items.find((i) => sameCode(conceptOf(i), SR_CODES.imagingMeasurements));
  if (!measurements) throw new Error('SR has no Imaging Measurements container (not a TID 1500 report)');
  const groups = asArray(measurements.ContentSequence)
    .filter((i) => sameCode(conceptOf(i), SR_CODES.measurementGroup))
    .map(readGroup);
  const library = items.find((i) => sameCode(conceptOf(i), SR_CODES.imageLibrary));
  const instances = asArray(library?.ContentSequence)
    .flatMap((g) => asArray(g.ContentSequence))
    .filter((i) => i.ValueType === 'IMAGE')
    .map((i) => {
      const ref = asArray(i.ReferencedSOPSequence)[0] ?? {};
      return { sopClassUid: String(ref.ReferencedSOPClassUID), sopInstanceUid: String(ref.ReferencedSOPInstanceUID) };
    });
  const first = groups[0];
  const evidence = asArray(ds.CurrentRequestedProcedureEvidenceSequence).flatMap((s) =>
    asArray(s.ReferencedSeriesSequence),
  );
  const segSeries = evidence.find((s) =>
    asArray(s.ReferencedSOPSequence).some((r) => r.ReferencedSOPInstanceUID === first?.segRef.sopInstanceUid),
  );
  return {
    seg: {
      sopClassUid: first?.segRef.sopClassUid ?? '',
      sopInstanceUid: first?.segRef.sopInstanceUid ?? '',
      seriesInstanceUid: typeof segSeries?.SeriesInstanceUID === 'string' ? segSeries.SeriesInstanceUID : '',
    },
    source: { seriesInstanceUid: first?.sourceSeries ?? '', instances },
    groups: groups.map((g) => g.group),
  };
}

function readGroup(item: NaturalDataset): {
  group: SrMeasurementGroup;
  segRef: { sopClassUid: string; sopInstanceUid: string };
  sourceSeries: string;
} {
  const children = asArray(item.ContentSequence);
  const find = (code: Code) => children.find((c) => sameCode(conceptOf(c), code));
  const segItem = find(SR_CODES.referencedSegment);
  const ref = asArray(segItem?.ReferencedSOPSequence)[0];
  if (!ref) throw new Error('measurement group without a Referenced Segment');
  const finding = codeValueOf(find(SR_CODES.finding));
  if (!finding) throw new Error('measurement group without a Finding');
  const measurements: SrMeasurement[] = children
    .filter((c) => c.ValueType === 'NUM')
    .map((c) => {
      const mv = asArray(c.MeasuredValueSequence)[0] ?? {};
      const mods = asArray(c.ContentSequence);
      const method = codeValueOf(mods.find((m) => sameCode(conceptOf(m), SR_CODES.measurementMethod)));
      const derivation = codeValueOf(mods.find((m) => sameCode(conceptOf(m), SR_CODES.derivation)));
      return {
        concept: conceptOf(c)!,
        value: Number(mv.NumericValue),
        unit: toCode(asArray(mv.MeasurementUnitsCodeSequence)[0])!,
        ...(method ? { method } : {}),
        ...(derivation ? { derivation } : {}),
      };
    });
  const site = codeValueOf(find(SR_CODES.findingSite));
  return {
    group: {
      trackingId: String(find(SR_CODES.trackingIdentifier)?.TextValue ?? ''),
      trackingUid: String(find(SR_CODES.trackingUid)?.UID ?? ''),
      finding,
      ...(site ? { findingSite: site } : {}),
      segmentNumber: Number(ref.ReferencedSegmentNumber),
      measurements,
    },
    segRef: { sopClassUid: String(ref.ReferencedSOPClassUID), sopInstanceUid: String(ref.ReferencedSOPInstanceUID) },
    sourceSeries: String(find(SR_CODES.sourceSeriesForSegmentation)?.UID ?? ''),
  };
}

function asArray(value: unknown): NaturalDataset[] {
  if (Array.isArray(value)) return value as NaturalDataset[];
  return value && typeof value === 'object' ? [value as NaturalDataset] : [];
}

function toCode(item: NaturalDataset | undefined): Code | undefined {
  if (!item || typeof item.CodeValue !== 'string') return undefined;
  return {
    value: item.CodeValue,
    scheme: String(item.CodingSchemeDesignator),
    meaning: String(item.CodeMeaning ?? ''),
  };
}

function conceptOf(item: NaturalDataset | undefined): Code | undefined {
  return toCode(asArray(item?.ConceptNameCodeSequence)[0]);
}

function codeValueOf(item: NaturalDataset | undefined): Code | undefined {
  return toCode(asArray(item?.ConceptCodeSequence)[0]);
}
