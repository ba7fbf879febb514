import type { CaseDocument, Segment } from '../model';
import type { MeasureSegment } from '../measureSegment';

const TISSUE = { value: '85756007', scheme: 'SCT', meaning: 'Tissue' };
const ANATOMY = { value: '91723000', scheme: 'SCT', meaning: 'Anatomical Structure' };

/** A case document holding these segments (test fixture for consumers that take a CaseDocument). */
export function caseDocOf(segments: readonly MeasureSegment[]): CaseDocument {
  return {
    schemaVersion: 1,
    caseId: 'property-case',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    patient: { name: 'TEST^PROPERTY', id: 'P1' },
    study: { studyInstanceUid: '1.2.3', description: 'CT liver', date: '20260101' },
    series: [],
    referenceSeriesUid: '1.2.3.4',
    segments: segments.map((s): Segment => ({
      label: s.label,
      name: s.name,
      kind: s.kind,
      category: ANATOMY,
      type: { ...TISSUE, ...s.type },
      color: [200, 100, 100],
      visible: true,
      locked: false,
    })),
    applicators: [],
    notes: '',
  };
}
