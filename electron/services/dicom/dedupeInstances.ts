import { readFile, stat } from 'node:fs/promises';

/** A copy of an instance that was already read from another file. */
export interface DuplicateFile {
  path: string;
  /** The file kept for the instance (first by path). */
  keptPath: string;
  sopInstanceUid: string;
  /** Null when the files are byte-identical; else what differs. */
  difference: string | null;
}

interface Entry {
  path: string;
  sopInstanceUid: string;
}

/**
 * Keeps one file per SOP Instance UID (the first by path, so the choice does
 * not depend on which worker finished first) and says for every other copy
 * whether it is byte-identical to the kept one, and if not, which header
 * fields differ.
 */
export async function dedupeInstances<T extends Entry>(
  entries: T[],
  signal?: AbortSignal,
): Promise<{ kept: T[]; duplicates: DuplicateFile[] }> {
  const byUid = new Map<string, T[]>();
  for (const e of [...entries].sort((a, b) => a.path.localeCompare(b.path))) {
    const list = byUid.get(e.sopInstanceUid);
    if (list) list.push(e);
    else byUid.set(e.sopInstanceUid, [e]);
  }
  const kept: T[] = [];
  const duplicates: DuplicateFile[] = [];
  for (const [uid, [first, ...copies]] of byUid) {
    kept.push(first!);
    for (const c of copies) {
      signal?.throwIfAborted();
      duplicates.push({
        path: c.path,
        keptPath: first!.path,
        sopInstanceUid: uid,
        difference: await compare(first!, c),
      });
    }
  }
  return { kept, duplicates };
}

async function compare(a: Entry, b: Entry): Promise<string | null> {
  const [sa, sb] = await Promise.all([stat(a.path), stat(b.path)]);
  const fields = differingFields(a, b);
  const header = fields.length ? `; header differs in ${fields.join(', ')}` : '';
  if (sa.size !== sb.size) return `${sb.size} bytes, kept file ${sa.size}${header}`;
  const [ba, bb] = await Promise.all([readFile(a.path), readFile(b.path)]);
  if (ba.equals(bb)) return null;
  return `same size, different bytes${header || ' (outside the header fields read)'}`;
}

/** Names of the read header fields (other than the path) whose values differ. */
function differingFields(a: object, b: object): string[] {
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return Object.keys(ra).filter((k) => k !== 'path' && JSON.stringify(ra[k]) !== JSON.stringify(rb[k]));
}
