import { describe, expect, it } from 'vitest';
import { readInstance, writeInstance } from '../dicom/writeInstance';
import { makeCtSeries } from '../export/testing/testSeries';
import { studyContext } from '../export/studyContext';
import { readSrMeasurements } from './readSrMeasurements';
import { code, item, otherToolsSr } from './testing/otherToolSr';
import { makeSrDocument } from './testing/testDocument';
import { buildSrDataset } from './writeSr';

const software = { manufacturer: 'LiverPlan', modelName: 'LiverPlan', version: '0.1.0', deviceSerialNumber: 'dev' };
describe('readSrMeasurements', () => {
  it('lists every measurement of the reports we write, with tracking ids, finding and site', () => {
    const source = makeCtSeries();
    const doc = makeSrDocument(source);
    const ds = buildSrDataset(doc, {
      study: studyContext(source[0]!),
      seriesInstanceUid: '1.2.3.4',
      sopInstanceUid: '1.2.3.4.1',
      seriesNumber: 901,
      software,
      deviceObserverUid: '1.2.3.9',
      at: new Date('2026-01-02T03:04:05Z'),
    });
    const list = readSrMeasurements(readInstance(writeInstance(ds)));
    expect(list.title).toBe('Imaging Measurement Report');
    expect(list.template).toBe('1500');
    expect(list.groups).toBe(2);
    const expected = doc.groups.flatMap((g, n) =>
      g.measurements.map((m) => ({
        group: n + 1,
        trackingId: g.trackingId,
        trackingUid: g.trackingUid,
        finding: g.finding,
        ...(g.findingSite ? { findingSite: g.findingSite } : {}),
        name: m.concept,
        value: m.value,
        unit: m.unit,
        ...(m.derivation ? { derivation: m.derivation } : {}),
        ...(m.method ? { method: m.method } : {}),
      })),
    );
    expect(list.rows).toEqual(expected);
  });

  it("reads another tool's report: old SRT codes, nested containers, planar and volumetric groups", () => {
    const list = readSrMeasurements(readInstance(writeInstance(otherToolsSr())));
    expect(list.groups).toBe(2);
    const rows = list.rows.map((r) => ({
      group: r.group,
      id: r.trackingId,
      uid: r.trackingUid,
      finding: r.finding?.meaning,
      site: r.findingSite?.meaning,
      name: r.name.meaning,
      value: r.value,
      unit: r.unit?.value,
      derivation: r.derivation?.meaning,
      method: r.method?.meaning,
      qualifier: r.qualifier?.meaning,
    }));
    const liver = { group: 1, id: 'Liver segmentation', uid: '2.25.777.1', finding: 'Liver', site: 'Liver' };
    const none = { derivation: undefined, method: undefined, qualifier: undefined };
    expect(rows).toEqual([
      { ...liver, ...none, name: 'Volume', value: 1523.4, unit: 'cm3', method: 'Sum of segmented voxel volumes' },
      { ...liver, ...none, name: 'Attenuation Coefficient', value: 61.2, unit: "[hnsf'U]", derivation: 'Mean' },
      { ...liver, ...none, name: 'Attenuation Coefficient', value: null, unit: undefined, qualifier: 'Not a number' },
      {
        group: 2,
        id: 'cornerstoneTools@^4.0.0:Length',
        uid: '2.25.777.2',
        finding: undefined,
        site: 'Liver',
        ...none,
        name: 'Length',
        value: 23.75,
        unit: 'mm',
      },
    ]);
  });

  it('refuses an SR that is not a TID 1500 report, naming it', () => {
    const keyImages = {
      SOPClassUID: '1.2.840.10008.5.1.4.1.1.88.11',
      SOPInstanceUID: '2.25.1',
      ValueType: 'CONTAINER',
      ConceptNameCodeSequence: code('18748-4', 'LN', 'Diagnostic Imaging Report'),
      ContentTemplateSequence: [{ MappingResource: 'DCMR', TemplateIdentifier: '2000' }],
      ContentSequence: [item('CONTAINS', 'TEXT', code('121071', 'DCM', 'Finding'), { TextValue: 'No lesion.' })],
    };
    expect(() => readSrMeasurements(keyImages)).toThrow(
      '"Diagnostic Imaging Report" is not a TID 1500 Imaging Measurement Report (template 2000)',
    );
  });
});
