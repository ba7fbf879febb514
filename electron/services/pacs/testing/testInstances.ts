import { readInstance, writeInstance } from '../../../../shared/dicom/writeInstance';
import { buildCaseObjects } from '../../../../shared/export/buildCaseObjects';
import { deidentify } from '../../../../shared/export/deidentify';
import { makeTestCase } from '../../../../shared/export/testing/testCase';
import { UidRemap } from '../../../../shared/export/uidRemap';

const software = { manufacturer: 'LiverPlan', modelName: 'LiverPlan', version: 'test', deviceSerialNumber: 'test' };

export interface TestStudy {
  studyUid: string;
  instances: { name: string; bytes: Uint8Array; sopInstanceUid: string }[];
}

/** A small study to send in transport tests: the synthetic CT series plus its SEG, SR and Encapsulated PDF. */
export async function makeTestInstances(): Promise<TestStudy> {
  const c = makeTestCase();
  const objects = await buildCaseObjects({ ...c, software, at: new Date() });
  const all = [...c.source, objects.seg, objects.sr, objects.pdfDataset];
  return {
    studyUid: String(c.source[0]!.StudyInstanceUID),
    instances: all.map((ds, n) => ({
      name: `obj${n}.dcm`,
      bytes: writeInstance(ds),
      sopInstanceUid: String(ds.SOPInstanceUID),
    })),
  };
}

/** The same study under fresh UIDs (remapped consistently), so one PACS can receive it again as new. */
export function withFreshUids(study: TestStudy): TestStudy {
  const remap = new UidRemap();
  const instances = study.instances.map((i) => {
    const ds = deidentify(readInstance(i.bytes), remap, { patientName: 'TEST^COPY', patientId: 'COPY' });
    return { name: i.name, bytes: writeInstance(ds), sopInstanceUid: String(ds.SOPInstanceUID) };
  });
  return { studyUid: remap.remap(study.studyUid), instances };
}
