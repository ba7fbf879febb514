import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { applyLabelsDelta } from '../../../shared/case/labelsDelta';
import type { LabelsPayload } from '../../../shared/ipc/channels/case';
import type { Labelmap } from '../../../shared/volume/grid';
import { decodeNifti, decodeNiftiLabelmap, encodeNifti } from '../../../shared/volume/nifti';
import { ServiceError } from '../handlerTypes';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);
/** Large zlib chunks: 78 MB in 16 KB pieces costs more in callbacks than in compression. */
const ZLIB_CHUNK = 4 * 1024 * 1024;

/** The voxels of a labels.nii.gz this store wrote or checked; integer files are taken as they are. */
async function decodeBase(file: Uint8Array): Promise<Labelmap> {
  const raw = await gunzipAsync(file, { chunkSize: ZLIB_CHUNK });
  const bytes = new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
  const volume = decodeNifti(bytes);
  if (volume.data instanceof Uint8Array || volume.data instanceof Uint16Array)
    return { grid: volume.grid, data: volume.data };
  return decodeNiftiLabelmap(bytes);
}

/** Cases whose last write is kept for deltas: the open case and one more (the report's lookups). */
const KEEP_CASES = 2;

interface Base {
  seq: number;
  /** labels.nii.gz of write `seq`. */
  file: Uint8Array;
  /** Its voxels, decoded on the first delta and then updated in place. */
  labelmap?: Labelmap;
}

/**
 * The host's copy of each case's last written (or opened) labelmap, so an autosave can carry
 * only the slices that changed (shared/case/labelsDelta). The delta is applied to the copy and
 * the whole labels.nii.gz is still written atomically by the case store, so crash safety and
 * the files on disk are as before. Node's zlib runs in its thread pool: the main process stays
 * responsive while 78 MB of voxels are compressed.
 */
export function createLabelsBase() {
  const bases = new Map<string, Base>();

  function remember(caseId: string, seq: number, file: Uint8Array | null, labelmap?: Labelmap): void {
    bases.delete(caseId);
    if (!file) return;
    bases.set(caseId, { seq, file, labelmap });
    for (const old of bases.keys()) if (bases.size > KEEP_CASES) bases.delete(old);
  }

  /**
   * The labels.nii.gz a save or autosave writes. A delta needs the base it was made against:
   * without it the answer is `stale` (nothing is written) and the renderer sends the labelmap
   * whole. The base is taken out while the write runs; `remember` puts the new one back.
   */
  async function resolve(
    caseId: string,
    payload: LabelsPayload,
  ): Promise<{ file: Uint8Array | null; labelmap?: Labelmap } | { stale: string }> {
    if (!payload) return { file: null };
    if (payload.kind === 'full') return { file: payload.bytes };
    const base = bases.get(caseId);
    if (!base || base.seq !== payload.baseSeq)
      return { stale: `the host holds no copy of write ${payload.baseSeq} of this case's labelmap` };
    bases.delete(caseId);
    const labelmap = base.labelmap ?? (await decodeBase(base.file));
    let changed: number;
    try {
      changed = applyLabelsDelta(labelmap.data, labelmap.grid.dims, payload.bytes);
    } catch (e) {
      throw new ServiceError(
        'invalid-labels',
        `The segmentation changes could not be applied: ${e instanceof Error ? e.message : String(e)}. Your previous save is untouched.`,
      );
    }
    if (changed === 0) return { file: base.file, labelmap };
    const raw = encodeNifti(labelmap, { description: 'LiverPlan case labels' });
    const gz = await gzipAsync(raw, { level: 6, chunkSize: ZLIB_CHUNK });
    return { file: new Uint8Array(gz.buffer, gz.byteOffset, gz.byteLength), labelmap };
  }

  return { remember, resolve, forget: (caseId: string) => bases.delete(caseId) };
}
