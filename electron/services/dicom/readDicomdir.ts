import { readFile } from 'node:fs/promises';
import dicomParser from 'dicom-parser';

/** The ReferencedFileID (0004,1500) of every IMAGE-level record of a DICOMDIR, as path components. */
export async function readDicomdir(path: string): Promise<string[][]> {
  const ds = dicomParser.parseDicom(new Uint8Array(await readFile(path)));
  const records = ds.elements.x00041220?.items ?? [];
  const refs: string[][] = [];
  for (const item of records) {
    const id = item.dataSet?.string('x00041500');
    if (id)
      refs.push(
        id
          .split('\\')
          .map((s) => s.trim())
          .filter(Boolean),
      );
  }
  return refs;
}
