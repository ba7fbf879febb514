import { describe, expect, it } from 'vitest';
import { isoDate, patientLine, personName, reportFileName, seriesName, shownDate } from './formatPeople';

describe('formatPeople', () => {
  it('writes DICOM dates as ISO dates and says when there is none', () => {
    expect(isoDate('20090527')).toBe('2009-05-27');
    expect(isoDate('2009.05.27')).toBe('2009-05-27');
    expect(isoDate('2026-12-06T03:04:05Z')).toBe('2026-12-06');
    expect(isoDate('20091327')).toBe('');
    expect(shownDate('')).toBe('not entered');
    expect(shownDate(undefined)).toBe('not entered');
  });

  it('writes person names without carets', () => {
    expect(personName('DOE^JOHN')).toBe('DOE, JOHN');
    expect(personName('Doe^John^Q^Dr')).toBe('Doe, John Q');
    expect(personName('Anonymous')).toBe('Anonymous');
    expect(personName('')).toBe('not entered');
  });

  it('never shows an empty patient ID as "()"', () => {
    expect(patientLine({ name: 'DOE^JOHN', id: '' })).toBe('DOE, JOHN');
    expect(patientLine({ name: 'DOE^JOHN', id: ' ', birthDate: '19610314', sex: 'F' })).toBe(
      'DOE, JOHN (born 1961-03-14, female)',
    );
    expect(patientLine({ name: 'DOE^JOHN', id: 'P1' })).toBe('DOE, JOHN (ID P1)');
  });

  it('names the PDF after patient, study date and report date, safely', () => {
    const at = new Date(2026, 11, 6, 12, 0);
    expect(reportFileName({ patientName: 'Doe^John', studyDate: '20090527', reportDate: at })).toBe(
      'Doe_John_2009-05-27_report_2026-12-06.pdf',
    );
    expect(reportFileName({ patientName: 'Müller/Zoë^Ann', studyDate: '', reportDate: at })).toBe(
      'Muller_Zoe_Ann_report_2026-12-06.pdf',
    );
    expect(reportFileName({ patientName: '', studyDate: 'unknown', reportDate: at })).toBe(
      'patient_report_2026-12-06.pdf',
    );
    expect(reportFileName({ patientName: '../../etc^x', reportDate: at })).toMatch(/^[A-Za-z0-9_-]+\.pdf$/);
  });

  it('names a series by description and number, saying what the header lacks', () => {
    expect(seriesName({ SeriesDescription: 'CT Body 3.0', SeriesNumber: 3 })).toBe('CT Body 3.0 (series 3)');
    expect(seriesName({ SeriesDescription: 'CT Body 3.0', SeriesNumber: '' })).toBe('CT Body 3.0 (no series number)');
    expect(seriesName({ SeriesNumber: '502' })).toBe('no description (series 502)');
  });
});
