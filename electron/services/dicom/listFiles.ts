import { readdir, stat, access } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { UnreadableFile } from '../../../shared/dicom/unreadable';
import { readDicomdir } from './readDicomdir';

const SKIP = /^(\.|__MACOSX$|Thumbs\.db$|desktop\.ini$)/i;

async function exists(p: string): Promise<boolean> {
  return access(p).then(
    () => true,
    () => false,
  );
}

/**
 * Expands folders (recursively), DICOMDIRs (to the files they reference) and
 * plain files into one de-duplicated list. Paths that do not exist are
 * returned as unreadable rather than thrown; DICOMDIRs and hidden or system
 * files come back as `notInstances` with a reason, so every file is accounted for.
 */
export async function listFiles(
  paths: string[],
  signal?: AbortSignal,
): Promise<{ files: string[]; unreadable: Array<{ path: string; reason: string }>; notInstances: UnreadableFile[] }> {
  const files = new Set<string>();
  const unreadable: Array<{ path: string; reason: string }> = [];
  const notInstances: UnreadableFile[] = [];
  const skipped = new Set<string>();
  const walk = async (p: string): Promise<void> => {
    signal?.throwIfAborted();
    let st;
    try {
      st = await stat(p);
    } catch (e) {
      unreadable.push({ path: p, reason: `cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})` });
      return;
    }
    if (st.isDirectory()) {
      const entries = await readdir(p, { withFileTypes: true }).catch(() => []);
      for (const e of entries) {
        if (!SKIP.test(e.name)) await walk(join(p, e.name));
        else if (e.isFile()) skipped.add(join(p, e.name));
      }
    } else if (st.isFile()) {
      if (basename(p).toUpperCase() === 'DICOMDIR') {
        try {
          const refs = await readDicomdir(p);
          notInstances.push({
            path: p,
            reason: `DICOMDIR: an index of ${refs.length} file(s), each accounted for on its own`,
          });
          for (const ref of refs) {
            const full = join(dirname(p), ...ref);
            // CD file systems often show lower-case names for upper-case references.
            if (await exists(full)) files.add(full);
            else if (await exists(join(dirname(p), ...ref.map((s) => s.toLowerCase()))))
              files.add(join(dirname(p), ...ref.map((s) => s.toLowerCase())));
            else unreadable.push({ path: full, reason: 'listed in DICOMDIR but not found' });
          }
        } catch (e) {
          unreadable.push({ path: p, reason: `DICOMDIR unreadable (${e instanceof Error ? e.message : String(e)})` });
        }
      } else files.add(p);
    }
  };
  for (const p of paths) await walk(p);
  // A hidden file named explicitly (or listed by a DICOMDIR) is read like any other.
  for (const p of [...skipped].sort())
    if (!files.has(p)) notInstances.push({ path: p, reason: 'hidden or system file, not read' });
  return { files: [...files].sort(), unreadable, notInstances };
}
