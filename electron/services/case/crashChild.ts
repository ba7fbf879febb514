/**
 * Child process of the SIGKILL crash test (crashSafety.test.ts): edits a case
 * continuously (one edit every EDIT_MS), autosaves through the scheduler and
 * saves explicitly every `saveEvery` writes, reporting on stdout:
 *   start <epochMs>, begin <edit>, ack <edit> <writeMs>.
 * The edit number is time-based so the parent can tell how many edits a kill cost.
 */
import { caseDocumentSchema } from '../../../shared/case/model';
import type { Grid } from '../../../shared/volume/grid';
import { encodeNifti } from '../../../shared/volume/nifti';
import { createAutosaveScheduler } from './autosaveScheduler';
import { createCaseStore } from './caseStore';
import { labelForEdit } from './crashTestData';

const [root, caseId, intervalArg, editArg, saveEveryArg] = process.argv.slice(2);
const saveEvery = Number(saveEveryArg);
const intervalMs = Number(intervalArg);
const editMs = Number(editArg);
const start = Date.now();
const store = createCaseStore(root!);
const base = await store.open(caseId!);
// Anisotropic and oblique on purpose; big enough that a write takes a few milliseconds.
const grid: Grid = {
  dims: [48, 40, 24],
  spacing: [0.7, 0.7, 2.5],
  origin: [-10, 20, -300],
  direction: [1, 0, 0, 0, 0.8, 0.6, 0, -0.6, 0.8],
};
const data = new Uint8Array(grid.dims[0] * grid.dims[1] * grid.dims[2]);
let writes = 0;
const edit = () => Math.floor((Date.now() - start) / editMs);
process.stdout.write(`start ${start}\n`);

const scheduler = createAutosaveScheduler({
  intervalMs,
  write: async () => {
    const n = edit();
    process.stdout.write(`begin ${n}\n`);
    const t0 = performance.now();
    data.fill(labelForEdit(n));
    const labels = encodeNifti({ grid: grid, data }, { gzip: true });
    const document = caseDocumentSchema.parse({ ...base.document, notes: `edit ${n}` });
    if (++writes % saveEvery === 0) await store.save(document, labels);
    else await store.autosave(document, labels);
    process.stdout.write(`ack ${n} ${(performance.now() - t0).toFixed(1)}\n`);
  },
  onError: (e) => process.stderr.write(`${String(e)}\n`),
});
setInterval(() => scheduler.markDirty(), editMs);
