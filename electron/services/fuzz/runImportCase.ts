import { buildStudyTree } from '../../../shared/dicom/buildStudyTree';
import { extractHeader } from '../../../shared/dicom/extractHeader';
import { decodeInstance } from '../dicom/decodeInstance';
import { loadSeriesVolume } from '../dicom/loadSeries';

export type CaseOutcome =
  | { kind: 'loaded'; frames: number }
  | { kind: 'rejected'; stage: Stage; reason: string }
  | { kind: 'crash'; stage: Stage; reason: string };
type Stage = 'header' | 'tree' | 'decode' | 'series';

/**
 * JavaScript's own failures (a property of undefined, an unchecked allocation,
 * a blown stack) are bugs, not reasons a user can act on; so are thrown
 * non-Errors (emscripten throws numbers).
 */
const INTERNAL =
  /Cannot read prop|Cannot set prop|is not a function|is not iterable|undefined|Invalid typed array length|Array buffer allocation failed|Maximum call stack|out of memory|offset is out of bounds|Invalid array length/i;

function classify(e: unknown, stage: Stage): CaseOutcome {
  if (!(e instanceof Error)) return { kind: 'crash', stage, reason: `threw a non-Error: ${String(e).slice(0, 200)}` };
  // The import's own typed rejection is specific by construction, whatever it wraps.
  if (e.name === 'UnreadableError') return { kind: 'rejected', stage, reason: `${e.name}: ${e.message.slice(0, 300)}` };
  const generic =
    e instanceof TypeError ||
    e instanceof RangeError ||
    e instanceof ReferenceError ||
    INTERNAL.test(e.message) ||
    !e.message.trim();
  const reason = `${e.name}: ${e.message.slice(0, 300)}`;
  return generic ? { kind: 'crash', stage, reason } : { kind: 'rejected', stage, reason };
}

/**
 * The import path for one file, as a scan then a series load run it: header
 * extraction (shared/dicom), grouping into a study tree, then pixel decoding
 * (electron/services/dicom). Every way out is a typed outcome.
 */
export async function runImportCase(bytes: Uint8Array): Promise<CaseOutcome> {
  let header;
  try {
    header = extractHeader(bytes, 'fuzz.dcm', bytes.length);
  } catch (e) {
    return classify(e, 'header');
  }
  try {
    buildStudyTree([header]);
  } catch (e) {
    return classify(e, 'tree');
  }
  try {
    const decoded = await decodeInstance(bytes);
    const pixels = decoded.rows * decoded.columns;
    const bad = decoded.frames.findIndex((f) => f.length !== pixels);
    if (bad >= 0)
      return {
        kind: 'crash',
        stage: 'decode',
        reason: `frame ${bad} has ${decoded.frames[bad]!.length} values for ${decoded.rows}x${decoded.columns}`,
      };
    return { kind: 'loaded', frames: decoded.frames.length };
  } catch (e) {
    return classify(e, 'decode');
  }
}

/**
 * The whole series path on a folder of files (listing, header scan, grouping,
 * geometry checks, decoding, resampling): a volume on a consistent grid or a
 * specific error.
 */
export async function runSeriesCase(folder: string): Promise<CaseOutcome> {
  try {
    const { volume } = await loadSeriesVolume(folder);
    const [nx, ny, nz] = volume.grid.dims;
    if (volume.data.length !== nx * ny * nz)
      return {
        kind: 'crash',
        stage: 'series',
        reason: `volume has ${volume.data.length} voxels for ${nx}x${ny}x${nz}`,
      };
    if (!volume.grid.spacing.every((v) => Number.isFinite(v) && v > 0))
      return { kind: 'crash', stage: 'series', reason: `spacing ${volume.grid.spacing.join(',')}` };
    if (!volume.grid.origin.every(Number.isFinite))
      return { kind: 'crash', stage: 'series', reason: `origin ${volume.grid.origin.join(',')}` };
    return { kind: 'loaded', frames: nz };
  } catch (e) {
    return classify(e, 'series');
  }
}
