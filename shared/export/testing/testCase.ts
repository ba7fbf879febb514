import { SEGMENT_TEMPLATES } from '../../case/segmentTemplates';
import type { CaseDocument, Segment } from '../../case/model';
import type { NaturalDataset } from '../../dicom/writeInstance';
import { indexToPatient, type Grid, type Labelmap, type ScalarVolume } from '../../volume/grid';
import { makeCtSeries } from './testSeries';

/**
 * A small synthetic case (test fixture): liver, one lesion inside an ablation
 * zone, on an anisotropic grid, with a matching CT series whose pixels hold
 * the HU of each tissue.
 */
export function makeTestCase(): {
  caseDoc: CaseDocument;
  labels: Labelmap;
  volume: ScalarVolume;
  source: NaturalDataset[];
} {
  const dims: [number, number, number] = [48, 40, 16];
  const spacing: [number, number, number] = [1.2, 1.0, 2.0];
  const source = makeCtSeries(...dims, spacing);
  const origin = source[0]!.ImagePositionPatient as [number, number, number];
  const grid: Grid = { dims, spacing, origin, direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
  const labels = new Uint8Array(dims[0] * dims[1] * dims[2]);
  const hu = new Float32Array(labels.length);
  const centre = indexToPatient(grid, 24, 20, 8);
  for (let k = 0; k < dims[2]; k++)
    for (let j = 0; j < dims[1]; j++)
      for (let i = 0; i < dims[0]; i++) {
        const p = indexToPatient(grid, i, j, k);
        const d = Math.hypot(p[0] - centre[0], p[1] - centre[1], p[2] - centre[2]);
        const inLiver =
          ((p[0] - centre[0]) / 26) ** 2 + ((p[1] - centre[1]) / 18) ** 2 + ((p[2] - centre[2]) / 14) ** 2 < 1;
        const n = i + dims[0] * (j + dims[1] * k);
        labels[n] = d < 4.5 ? 2 : d < 9 ? 3 : inLiver ? 1 : 0;
        hu[n] = labels[n] === 2 ? 150 : labels[n] === 3 ? 60 : labels[n] === 1 ? 100 : -50;
      }
  for (const [k, ds] of source.entries()) {
    const px = new Int16Array(dims[0] * dims[1]);
    for (let n = 0; n < px.length; n++) px[n] = hu[k * px.length + n]! + 1024;
    ds.PixelData = [px.buffer];
    ds.RescaleIntercept = '-1024';
  }
  const template = (id: string) => SEGMENT_TEMPLATES.find((t) => t.id === id)!;
  const seg = (label: number, id: string, name: string): Segment => {
    const t = template(id);
    return {
      label,
      name,
      kind: t.kind,
      category: t.category,
      type: t.type,
      color: t.color,
      visible: true,
      locked: false,
    };
  };
  const caseDoc: CaseDocument = {
    schemaVersion: 1,
    caseId: 'test-case',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    patient: {
      name: String(source[0]!.PatientName),
      id: String(source[0]!.PatientID),
      birthDate: '19600101',
      sex: 'F',
    },
    study: {
      studyInstanceUid: String(source[0]!.StudyInstanceUID),
      description: 'CT liver',
      date: '20260101',
      accessionNumber: 'ACC123',
    },
    series: [
      {
        seriesInstanceUid: String(source[0]!.SeriesInstanceUID),
        phase: 'portal_venous',
        description: 'Portal venous',
        files: [],
      },
    ],
    referenceSeriesUid: String(source[0]!.SeriesInstanceUID),
    segments: [
      seg(1, 'liver', 'Liver'),
      seg(2, 'lesion', 'Lesion 1'),
      seg(3, 'ablation-zone', 'Ablation zone 1'),
      seg(4, 'gallbladder', 'Gallbladder'),
    ],
    applicators: [],
    notes: 'Solitary NET metastasis; assess for microwave ablation.',
  };
  return { caseDoc, labels: { grid, data: labels }, volume: { grid, data: hu }, source };
}
