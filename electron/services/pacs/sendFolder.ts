import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readInstanceHeader } from './instanceHeader';

/**
 * Copies instances into <folder>/<StudyUID>/<SeriesUID>/<SOPInstanceUID>.dcm:
 * one file per instance, named by UID so repeating a send overwrites rather
 * than duplicates.
 */
export async function sendToFolder(folder: string, files: string[]): Promise<string[]> {
  const written: string[] = [];
  for (const file of files) {
    const h = await readInstanceHeader(file);
    const dir = join(folder, h.studyInstanceUid, h.seriesInstanceUid);
    await mkdir(dir, { recursive: true });
    const out = join(dir, `${h.sopInstanceUid}.dcm`);
    await copyFile(file, out);
    written.push(out);
  }
  return written;
}
