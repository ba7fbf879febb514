import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CASE_FILE, LABELS_FILE } from '../../../../shared/case/model';
import { writeInstance } from '../../../../shared/dicom/writeInstance';
import { makeTestCase } from '../../../../shared/export/testing/testCase';
import { encodeNifti } from '../../../../shared/volume/nifti';

/** Writes the synthetic test case as a case folder (case.json, labels.nii.gz, series/*.dcm). */
export async function writeTestCaseDir(dir: string): Promise<ReturnType<typeof makeTestCase>> {
  const c = makeTestCase();
  await mkdir(join(dir, 'series'), { recursive: true });
  const files: string[] = [];
  // Written in reverse order so loading has to sort along the normal.
  for (const [k, ds] of [...c.source.entries()].reverse()) {
    const name = join('series', `ct-${k}.dcm`);
    await writeFile(join(dir, name), writeInstance(ds));
    files.push(name);
  }
  c.caseDoc.series[0]!.files = files;
  await writeFile(join(dir, CASE_FILE), JSON.stringify(c.caseDoc, null, 2));
  await writeFile(join(dir, LABELS_FILE), encodeNifti(c.labels, { gzip: true }));
  return c;
}
