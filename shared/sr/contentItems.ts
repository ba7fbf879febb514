import { codeItem } from '../seg/codes';
import type { Code } from './codes';
import type { NaturalDataset } from '../dicom/writeInstance';

/**
 * Builders for SR content items in dcmjs naturalized form. dcmjs's own
 * sr.templates target planar ROI measurements; volumetric TID 1411 groups
 * referencing SEG segments are simpler to state directly as content items.
 */
type Rel = 'CONTAINS' | 'HAS OBS CONTEXT' | 'HAS CONCEPT MOD' | 'HAS PROPERTIES' | 'INFERRED FROM';

const concept = (name: Code) => ({ ConceptNameCodeSequence: [codeItem(name)] });

export function containerItem(rel: Rel, name: Code, children: NaturalDataset[]): NaturalDataset {
  return {
    RelationshipType: rel,
    ValueType: 'CONTAINER',
    ...concept(name),
    ContinuityOfContent: 'SEPARATE',
    ContentSequence: children,
  };
}

export function codeContentItem(rel: Rel, name: Code, value: Code, children?: NaturalDataset[]): NaturalDataset {
  return {
    RelationshipType: rel,
    ValueType: 'CODE',
    ...concept(name),
    ConceptCodeSequence: [codeItem(value)],
    ...(children?.length ? { ContentSequence: children } : {}),
  };
}

export function textItem(rel: Rel, name: Code, text: string): NaturalDataset {
  return { RelationshipType: rel, ValueType: 'TEXT', ...concept(name), TextValue: text };
}

export function uidItem(rel: Rel, name: Code, uid: string): NaturalDataset {
  return { RelationshipType: rel, ValueType: 'UIDREF', ...concept(name), UID: uid };
}

/** DS allows 16 characters: keep precision without overflowing the VR. */
export function formatDs(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`SR numeric value must be finite, got ${value}`);
  for (let digits = 10; digits >= 1; digits--) {
    const text = String(Number(value.toPrecision(digits)));
    if (text.length <= 16) return text;
  }
  return value.toExponential(6);
}

export function numItem(rel: Rel, name: Code, value: number, unit: Code, children?: NaturalDataset[]): NaturalDataset {
  return {
    RelationshipType: rel,
    ValueType: 'NUM',
    ...concept(name),
    MeasuredValueSequence: [{ NumericValue: formatDs(value), MeasurementUnitsCodeSequence: [codeItem(unit)] }],
    ...(children?.length ? { ContentSequence: children } : {}),
  };
}

export function imageItem(rel: Rel, name: Code | undefined, ref: NaturalDataset): NaturalDataset {
  return { RelationshipType: rel, ValueType: 'IMAGE', ...(name ? concept(name) : {}), ReferencedSOPSequence: [ref] };
}
