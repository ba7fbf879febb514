import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInstance } from '../../../shared/dicom/writeInstance';
import { textOf } from '../../../shared/export/studyContext';
import { readSeg } from '../../../shared/seg/readSeg';
import { readSr } from '../../../shared/sr/readSr';
import { dciodvfyErrors, runTool } from '../../../tests/support/dicomTools';
import { assembleExport } from './assembleExport';
import { loadCase } from './loadCase';
import { writeTestCaseDir } from './testing/testCaseDir';

const software = { manufacturer: 'LiverPlan', modelName: 'LiverPlan', version: '0.1.0', deviceSerialNumber: 'dev' };
const hasTools = !runTool('dciodvfy', []).missing && !runTool('dcmdump', ['--version']).missing;
if (!hasTools) console.log('SKIP DICOM validation: dciodvfy or dcmdump not installed (dicom3tools, dcmtk)');

describe('assembleExport of a case folder', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'liverplan-export-'));
    await writeTestCaseDir(join(dir, 'case'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads the case with the series sorted along the normal and HU restored', async () => {
    const c = await loadCase(join(dir, 'case'));
    const z = c.source.map((s) => Number((s.ImagePositionPatient as number[])[2]));
    expect(z).toEqual([...z].sort((a, b) => a - b));
    expect(c.volume).toBeDefined();
    const lesionVoxel = c.labels.data.indexOf(2);
    expect(c.volume!.data[lesionVoxel]).toBe(150);
  });

  it.skipIf(!hasTools)('writes SEG, SR and Encapsulated PDF that pass dciodvfy, dcmdump and dsrdump', async () => {
    const c = await loadCase(join(dir, 'case'));
    const { instances } = await assembleExport(c, { software });
    expect(instances.map((i) => i.name)).toEqual(['seg.dcm', 'sr.dcm', 'report.dcm']);
    for (const inst of instances) {
      const file = join(dir, inst.name);
      await writeFile(file, inst.bytes);
      expect(dciodvfyErrors(file), inst.name).toEqual([]);
      const dump = runTool('dcmdump', [file]);
      expect(dump.status, dump.out).toBe(0);
      // Every new object lives in the source study, in a series of its own.
      const ds = readInstance(inst.bytes);
      expect(ds.StudyInstanceUID).toBe(c.source[0]!.StudyInstanceUID);
      expect(ds.SeriesInstanceUID).not.toBe(c.source[0]!.SeriesInstanceUID);
    }
    const sr = runTool('dsrdump', [join(dir, 'sr.dcm')]);
    expect(sr.status, sr.out).toBe(0);
    expect(sr.out).toContain('Minimal ablative margin');
    expect(sr.out).toContain('(126030,DCM,"Sum of segmented voxel volumes")');
    const pdf = runTool('dcmdump', ['+P', '0042,0012', join(dir, 'report.dcm')]);
    expect(pdf.out).toContain('application/pdf');
  });

  it.skipIf(!hasTools)('de-identifies a teaching export consistently across images, SEG, SR and PDF', async () => {
    const c = await loadCase(join(dir, 'case'));
    const { instances, objects } = await assembleExport(c, {
      software,
      deidentify: { patientName: 'TEACHING^1', patientId: 'T1' },
    });
    expect(instances).toHaveLength(c.source.length + 3);
    const byName = new Map(instances.map((i) => [i.name, readInstance(i.bytes)]));
    const studies = new Set([...byName.values()].map((d) => d.StudyInstanceUID));
    expect(studies.size).toBe(1);
    expect(studies.has(c.source[0]!.StudyInstanceUID)).toBe(false);
    for (const ds of byName.values()) {
      expect(textOf(ds.PatientName)).toBe('TEACHING^1');
      expect(ds.PatientIdentityRemoved).toBe('YES');
    }
    // SR references resolve to the remapped SEG and images.
    const sr = readSr(byName.get('sr.dcm')!);
    const seg = byName.get('seg.dcm')!;
    expect(sr.seg.sopInstanceUid).toBe(seg.SOPInstanceUID);
    const imageUids = new Set(
      [...byName.entries()].filter(([n]) => n.startsWith('image-')).map(([, d]) => d.SOPInstanceUID),
    );
    expect(sr.source.instances.every((i) => imageUids.has(i.sopInstanceUid))).toBe(true);
    // The SEG still reads back onto the (de-identified) grid.
    const segBack = readSeg(instances.find((i) => i.name === 'seg.dcm')!.bytes, c.labels.grid);
    expect(segBack.segments).toHaveLength(3);
    // The report PDF names the alias, not the patient.
    expect(objects.model.patient).toEqual({ name: 'TEACHING^1', id: 'T1' });
    expect(objects.model.indication).toBe('');
    expect(objects.model.study).toMatchObject({ studyInstanceUid: '', date: '', description: '' });
    for (const inst of instances.filter((i) => !i.name.startsWith('image-'))) {
      const file = join(dir, `deid-${inst.name}`);
      await writeFile(file, inst.bytes);
      expect(dciodvfyErrors(file), inst.name).toEqual([]);
    }
  });
});
