import { readFile } from 'node:fs/promises';
import dicomParser from 'dicom-parser';

export interface InstanceHeader {
  sopClassUid: string;
  sopInstanceUid: string;
  seriesInstanceUid: string;
  studyInstanceUid: string;
}

/** The UIDs of a Part 10 file, stopping before the pixel data. */
export async function readInstanceHeader(file: string): Promise<InstanceHeader> {
  const bytes = await readFile(file);
  const ds = dicomParser.parseDicom(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
    untilTag: 'x7fe00010',
  });
  const get = (tag: string) => {
    const v = ds.string(tag);
    if (!v) throw new Error(`${file}: missing ${tag}`);
    return v.replace(/\0/g, '').trim();
  };
  return {
    sopClassUid: get('x00080016'),
    sopInstanceUid: get('x00080018'),
    seriesInstanceUid: get('x0020000e'),
    studyInstanceUid: get('x0020000d'),
  };
}
