import { describe, expect, it } from 'vitest';
import { cFindStudyKeys, matchKeys, qidoQueryString, qidoStudyParams } from './studyQuery';

describe('matchKeys', () => {
  it('makes a patient name a prefix match unless it has wildcards', () => {
    expect(matchKeys({ patientName: 'SMITH' })).toEqual({ PatientName: 'SMITH*' });
    expect(matchKeys({ patientName: 'SM?TH^J*' })).toEqual({ PatientName: 'SM?TH^J*' });
  });

  it('writes date ranges in DICOM form, open at either end, single day as one date', () => {
    expect(matchKeys({ dateFrom: '2026-01-01', dateTo: '20260131' }).StudyDate).toBe('20260101-20260131');
    expect(matchKeys({ dateFrom: '2026-01-01' }).StudyDate).toBe('20260101-');
    expect(matchKeys({ dateTo: '2026-01-31' }).StudyDate).toBe('-20260131');
    expect(matchKeys({ dateFrom: '2026-02-03', dateTo: '2026-02-03' }).StudyDate).toBe('20260203');
  });

  it('upper-cases the modality and keeps IDs and accession numbers as typed', () => {
    expect(matchKeys({ modality: 'ct', patientId: 'p-1', accessionNumber: 'acc9' })).toEqual({
      ModalitiesInStudy: 'CT',
      PatientID: 'p-1',
      AccessionNumber: 'acc9',
    });
  });

  it('says which field is wrong', () => {
    expect(() => matchKeys({})).toThrow(/at least one of patient name/);
    expect(() => matchKeys({ patientName: '  ' })).toThrow(/at least one/);
    expect(() => matchKeys({ dateFrom: '01/02/2026' })).toThrow(/date from must be a date as YYYY-MM-DD/);
    expect(() => matchKeys({ dateTo: '2026-02-30' })).toThrow(/date to is not a calendar date/);
    expect(() => matchKeys({ dateFrom: '2026-03-01', dateTo: '2026-02-01' })).toThrow(/is after date to/);
    expect(() => matchKeys({ modality: 'C T' })).toThrow(/modality must be a code/);
    expect(() => matchKeys({ patientId: 'a\\b' })).toThrow(/patientId contains a backslash/);
  });
});

describe('protocol forms', () => {
  it('QIDO-RS sends matching keys, asks for the other study attributes and a limit', () => {
    const params = qidoStudyParams({ patientId: 'EXP-001', modality: 'CT' }, 50);
    expect(params).toContainEqual(['PatientID', 'EXP-001']);
    expect(params).toContainEqual(['ModalitiesInStudy', 'CT']);
    expect(params).toContainEqual(['includefield', 'StudyDescription']);
    expect(params).not.toContainEqual(['includefield', 'PatientID']);
    expect(params.at(-1)).toEqual(['limit', '50']);
  });

  it('C-FIND carries matching keys and empty return keys', () => {
    const keys = cFindStudyKeys({ accessionNumber: 'ACC123' });
    expect(keys.AccessionNumber).toBe('ACC123');
    expect(keys.StudyInstanceUID).toBe('');
    expect(keys.NumberOfStudyRelatedInstances).toBe('');
    expect(keys.PatientName).toBe('');
  });
});

describe('qidoQueryString', () => {
  it('keeps matching characters literal and encodes what a query cannot carry', () => {
    expect(
      qidoQueryString([
        ['PatientName', 'DOE^J*'],
        ['StudyDate', '20260101-'],
      ]),
    ).toBe('PatientName=DOE^J*&StudyDate=20260101-');
    expect(qidoQueryString([['PatientID', 'a&b=c #1+%']])).toBe('PatientID=a%26b%3Dc%20%231%2B%25');
  });
});
