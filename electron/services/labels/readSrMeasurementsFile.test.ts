import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeInstance } from '../../../shared/dicom/writeInstance';
import { code, otherToolsSr } from '../../../shared/sr/testing/otherToolSr';
import { readSrMeasurementsFile } from './readSrMeasurementsFile';

describe('readSrMeasurementsFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lp-sr-file-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("lists another tool's measurements and refuses what is not a measurement report, saying why", async () => {
    const sr = join(dir, 'sr.dcm');
    await writeFile(sr, writeInstance(otherToolsSr()));
    const list = await readSrMeasurementsFile(sr);
    expect(list.rows.map((r) => r.trackingId)).toEqual([
      'Liver segmentation',
      'Liver segmentation',
      'Liver segmentation',
      'cornerstoneTools@^4.0.0:Length',
    ]);

    const text = join(dir, 'text.dcm');
    await writeFile(
      text,
      writeInstance({
        SOPClassUID: '1.2.840.10008.5.1.4.1.1.88.11',
        SOPInstanceUID: '2.25.1',
        ValueType: 'CONTAINER',
        ConceptNameCodeSequence: code('18748-4', 'LN', 'Diagnostic Imaging Report'),
      }),
    );
    await expect(readSrMeasurementsFile(text)).rejects.toMatchObject({
      code: 'not-measurements',
      message:
        'text.dcm: "Diagnostic Imaging Report" is not a TID 1500 Imaging Measurement Report; it has no measurements to list.',
    });
    const junk = join(dir, 'junk.dcm');
    await writeFile(junk, 'not DICOM at all');
    await expect(readSrMeasurementsFile(junk)).rejects.toMatchObject({ code: 'unreadable' });
    await expect(readSrMeasurementsFile(join(dir, 'missing.dcm'))).rejects.toMatchObject({
      code: 'unreadable',
      message: 'Cannot read missing.dcm: ENOENT.',
    });
  });
});
