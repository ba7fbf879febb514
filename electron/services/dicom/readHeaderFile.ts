import { open } from 'node:fs/promises';
import type { DerivedObject } from '../../../shared/dicom/derivedObject';
import { extractInstance } from '../../../shared/dicom/extractHeader';
import type { InstanceHeader } from '../../../shared/dicom/instanceHeader';
import { UnreadableError, type UnreadableFile } from '../../../shared/dicom/unreadable';

/** Most headers fit here; larger ones (big private tags, encapsulated data) fall back to a full read. */
const HEAD_BYTES = 64 * 1024;

export type HeaderFileResult = { header: InstanceHeader } | { derived: DerivedObject } | { unreadable: UnreadableFile };

/** Reads one file's DICOM header, touching only its start when that suffices. */
export async function readHeaderFile(path: string): Promise<HeaderFileResult> {
  let fh;
  try {
    fh = await open(path, 'r');
    const { size } = await fh.stat();
    if (size < 132) return { unreadable: { path, reason: `not a DICOM file (${size} bytes)` } };
    const head = new Uint8Array(Math.min(size, HEAD_BYTES));
    await fh.read(head, 0, head.length, 0);
    try {
      return extractInstance(head, path, size);
    } catch (e) {
      // Only a partial read can fail for lack of bytes; a missing DICM prefix will not change.
      if (size <= head.length || (e instanceof UnreadableError && /not a DICOM|DICOMDIR/.test(e.message))) throw e;
      const all = new Uint8Array(size);
      await fh.read(all, 0, size, 0);
      return extractInstance(all, path, size);
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException)?.code;
    const reason =
      e instanceof UnreadableError
        ? e.message
        : code
          ? `cannot read file (${code})`
          : e instanceof Error
            ? e.message
            : String(e);
    return { unreadable: { path, reason } };
  } finally {
    await fh?.close();
  }
}
