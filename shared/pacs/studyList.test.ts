import { describe, expect, it } from 'vitest';
import { isSafeUid, parseCFindStudies, parseQidoInstances, parseQidoStudies } from './studyList';

const qidoStudy = (uid: string, date: string, extra: Record<string, unknown> = {}) => ({
  '0020000D': { vr: 'UI', Value: [uid] },
  '00080020': { vr: 'DA', Value: [date] },
  '00100010': { vr: 'PN', Value: [{ Alphabetic: 'DOE^JANE' }] },
  '00100020': { vr: 'LO', Value: ['P1'] },
  '00080061': { vr: 'CS', Value: ['CT', 'SEG'] },
  '00201208': { vr: 'IS', Value: [19] },
  ...extra,
});

describe('parseQidoStudies', () => {
  it('reads DICOM JSON into typed rows, newest first', () => {
    const rows = parseQidoStudies([
      qidoStudy('1.2.3', '20250101'),
      qidoStudy('1.2.4', '20260101', { '00081030': { vr: 'LO', Value: ['CT liver'] } }),
    ]);
    expect(rows.map((r) => r.studyInstanceUid)).toEqual(['1.2.4', '1.2.3']);
    expect(rows[0]).toMatchObject({
      patientName: 'DOE^JANE',
      patientId: 'P1',
      description: 'CT liver',
      modalities: ['CT', 'SEG'],
      instanceCount: 19,
      seriesCount: null,
      accessionNumber: '',
    });
  });

  it('drops rows whose UID could not be a file name and repeated rows', () => {
    const rows = parseQidoStudies([qidoStudy('../../etc', '2026'), qidoStudy('1.2', '2026'), qidoStudy('1.2', '2026')]);
    expect(rows.map((r) => r.studyInstanceUid)).toEqual(['1.2']);
  });

  it('refuses an answer that is not a list', () => {
    expect(() => parseQidoStudies({ error: 'x' })).toThrow(/expected a JSON array/);
  });
});

describe('parseCFindStudies', () => {
  it('reads dcmjs naturalized datasets, person names either as text or {Alphabetic}', () => {
    const rows = parseCFindStudies([
      { StudyInstanceUID: '1.9', PatientName: [{ Alphabetic: 'ROE^RICHARD' }], ModalitiesInStudy: ['MR', 'SR'] },
      { StudyInstanceUID: '1.8', PatientName: 'DOE^JOHN', ModalitiesInStudy: 'CT', NumberOfStudyRelatedSeries: '3' },
    ]);
    expect(rows.find((r) => r.studyInstanceUid === '1.9')).toMatchObject({
      patientName: 'ROE^RICHARD',
      modalities: ['MR', 'SR'],
    });
    expect(rows.find((r) => r.studyInstanceUid === '1.8')).toMatchObject({
      patientName: 'DOE^JOHN',
      modalities: ['CT'],
      seriesCount: 3,
    });
  });
});

describe('instances and UIDs', () => {
  it('reads instance references and skips unsafe ones', () => {
    const refs = parseQidoInstances([
      { '0020000E': { Value: ['1.2.3'] }, '00080018': { Value: ['1.2.3.4'] }, '00080016': { Value: ['1.2.840'] } },
      { '0020000E': { Value: ['1.2.3'] }, '00080018': { Value: ['1.2/3'] } },
    ]);
    expect(refs).toEqual([{ seriesInstanceUid: '1.2.3', sopInstanceUid: '1.2.3.4', sopClassUid: '1.2.840' }]);
  });

  it('knows a safe UID', () => {
    expect(isSafeUid('1.2.840.10008')).toBe(true);
    expect(isSafeUid('1..2')).toBe(false);
    expect(isSafeUid('1.2.' + '3'.repeat(70))).toBe(false);
    expect(isSafeUid('')).toBe(false);
  });
});
