import { describe, expect, it } from 'vitest';
import { readInstance, writeInstance } from '../dicom/writeInstance';
import { readSr } from '../sr/readSr';
import { makeSrDocument } from '../sr/testing/testDocument';
import { buildSrDataset } from '../sr/writeSr';
import { deidentify } from './deidentify';
import { studyContext } from './studyContext';
import { makeCtSeries } from './testing/testSeries';
import { UidRemap } from './uidRemap';

const software = { manufacturer: 'LiverPlan', modelName: 'LiverPlan', version: 't', deviceSerialNumber: 'SN-42' };

describe('deidentify (PS3.15 basic profile, clean structured content)', () => {
  it('removes identity, keeps geometry and remaps UIDs consistently across objects', () => {
    const ct = makeCtSeries();
    ct[0].InstitutionName = 'General Hospital';
    ct[0]['00091010'] = 'private';
    const sr = buildSrDataset(makeSrDocument(ct), {
      study: studyContext(ct[0]),
      seriesInstanceUid: '1.2.826.0.1.5',
      sopInstanceUid: '1.2.826.0.1.5.1',
      seriesNumber: 901,
      software,
      deviceObserverUid: '1.2.826.0.1.9',
      at: new Date(),
    });
    const remap = new UidRemap();
    const opts = { patientName: 'TEACHING^CASE1', patientId: 'TEACH-1' };
    const [ct0, ct1] = ct.slice(0, 2).map((d) => deidentify(d, remap, opts));
    const srOut = deidentify(sr, remap, opts);

    expect(ct0.PatientName).toBe('TEACHING^CASE1');
    expect(ct0.PatientBirthDate).toBe('');
    expect(ct0.AccessionNumber).toBe('');
    expect(ct0.ReferringPhysicianName).toBe('');
    expect(ct0.StudyDate).toBe('19000101');
    expect(ct0.InstitutionName).toBeUndefined();
    expect(ct0['00091010']).toBeUndefined();
    expect(ct0.PatientIdentityRemoved).toBe('YES');
    expect(ct0.ImagePositionPatient).toEqual(ct[0].ImagePositionPatient);
    expect(ct0.SOPClassUID).toBe(ct[0].SOPClassUID);
    expect(ct0.SOPInstanceUID).not.toBe(ct[0].SOPInstanceUID);
    expect(ct0.StudyInstanceUID).toBe(ct1.StudyInstanceUID);
    expect(ct0.StudyInstanceUID).not.toBe(ct[0].StudyInstanceUID);
    expect(srOut.StudyInstanceUID).toBe(ct0.StudyInstanceUID);
    expect(srOut.DeviceSerialNumber).toBe('DEIDENTIFIED');

    // References inside the SR follow the remapped images.
    const doc = readSr(readInstance(writeInstance(srOut)));
    expect(doc.source.seriesInstanceUid).toBe(ct0.SeriesInstanceUID);
    expect(doc.source.instances[0].sopInstanceUid).toBe(ct0.SOPInstanceUID);
    expect(doc.groups[1].measurements).toEqual(makeSrDocument(ct).groups[1].measurements);
    // The input is untouched.
    expect(ct[0].PatientName).toBe('TEST^EXPORT');
  });

  it('never remaps standard UIDs', () => {
    const remap = new UidRemap(() => '2.25.1');
    expect(remap.remap('1.2.840.10008.5.1.4.1.1.2')).toBe('1.2.840.10008.5.1.4.1.1.2');
    expect(remap.remap('1.2.3')).toBe('2.25.1');
    expect(remap.size).toBe(1);
  });
});
