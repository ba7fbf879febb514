import { labelsForWrite, type LabelsWriteBase } from '../../../shared/case/labelsDelta';
import type { Grid, Vec3 } from '../../../shared/volume/grid';
import { decodeNiftiLabelmap, encodeNifti } from '../../../shared/volume/nifti';
import { testCaseInput } from '../../../electron/services/case/testing/testFixtures';
import { createDispatcher } from '../../../electron/services/dispatch';
import type { Handlers } from '../../../electron/services/handlerTypes';
import { caseHandlers } from '../../../electron/services/handlers/case';
import type { BenchRow, BenchScenario } from '../types';

const TARGET_BYTES = 1024 * 1024;

/** A liver-sized ellipsoid (label 1) holding a lesion (label 2): the state before the stroke. */
function caseLabels(dims: Vec3): Uint8Array {
  const [nx, ny, nz] = dims;
  const data = new Uint8Array(nx * ny * nz);
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        const d =
          ((i - nx * 0.4) / (nx * 0.3)) ** 2 + ((j - ny / 2) / (ny * 0.25)) ** 2 + ((k - nz / 2) / (nz * 0.3)) ** 2;
        if (d <= 1) data[i + nx * (j + ny * k)] = d < 0.05 ? 2 : 1;
      }
  return data;
}

/** One brush stroke: Cornerstone's sphere brush (radius 6 voxels) dragged across a fifth of the image. */
function stroke(data: Uint8Array, dims: Vec3): void {
  const [nx, ny] = dims;
  const [k0, r] = [Math.floor(dims[2] / 2), 6];
  for (let c = nx * 0.3; c <= nx * 0.5; c += 2)
    for (let k = k0 - r; k <= k0 + r; k++)
      for (let j = Math.floor(ny / 2 - r); j <= ny / 2 + r; j++)
        for (let i = Math.floor(c - r); i <= c + r; i++)
          if ((i - c) ** 2 + (j - ny / 2) ** 2 + (k - k0) ** 2 <= r * r) data[i + nx * (j + ny * k)] = 3;
}

/**
 * Issue 17.4: what one autosave moves across IPC after one brush stroke on a 512x512x300 case
 * labelmap, through the real case handlers and dispatcher (the renderer's labelsForWrite builds
 * the request as caseAutosave does). Before the delta the whole labels.nii.gz crossed as base64.
 */
const scenario: BenchScenario = {
  name: 'autosave',
  description: 'autosave: bytes moved per autosave after one brush stroke on 512x512x300 (target < 1 MB)',
  async run({ workDir, quick }) {
    const dims: Vec3 = quick ? [128, 128, 75] : [512, 512, 300];
    const grid: Grid = {
      dims,
      spacing: [0.7, 0.7, 1.25],
      origin: [-180, -170, -200],
      direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
    };
    const env = { userDataDir: workDir, resourcesDir: workDir, appVersion: 'bench', host: 'cli' as const };
    const dispatch = createDispatcher(
      caseHandlers(env) as Handlers,
      () => undefined,
      (e) => {
        throw e;
      },
    );
    const call = async (channel: string, request: unknown) => {
      const r = await dispatch(channel, request);
      if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
      return r.value as never;
    };
    const created: { document: { caseId: string } } = await call('case:create', { input: testCaseInput });
    const document = created.document;
    const docBytes = new TextEncoder().encode(JSON.stringify(document)).byteLength;
    const voxels = caseLabels(dims);
    const whole = () => encodeNifti({ grid, data: voxels }, { gzip: true, description: 'LiverPlan case labels' });

    const write = async (base: LabelsWriteBase | null) => {
      const t0 = performance.now();
      const { payload, hashes, slices } = labelsForWrite(voxels, dims, base, whole);
      const t1 = performance.now();
      const w: { seq: number } = await call('case:autosave', { document, labels: payload });
      const t2 = performance.now();
      return {
        base: { seq: w.seq, hashes },
        bytes: payload.bytes.byteLength,
        slices,
        prepS: (t1 - t0) / 1000,
        hostS: (t2 - t1) / 1000,
      };
    };
    const first = await write(null);
    stroke(voxels, dims);
    const after = await write(first.base);

    // The store wrote the whole labelmap: reopening gives back exactly the voxels after the stroke.
    const reopened: { labels: Uint8Array } = await call('case:open', { caseId: document.caseId });
    const back = decodeNiftiLabelmap(reopened.labels).data;
    let same = back.length === voxels.length;
    for (let n = 0; same && n < voxels.length; n++) same = back[n] === voxels[n];
    if (!same) throw new Error('the reopened labelmap differs from the one autosaved');

    const size = dims.join('x');
    const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
    const moved = after.bytes + docBytes;
    const rows: BenchRow[] = [
      {
        scenario: 'autosave',
        subject: `autosave after one brush stroke, ${size}`,
        seconds: after.prepS + after.hostS,
        note: `moved ${kb(moved)} (${after.slices} changed slices ${kb(after.bytes)} + case document ${kb(docBytes)}); target < 1 MB: ${moved < TARGET_BYTES ? 'met' : 'MISSED'}; renderer hash+encode ${after.prepS.toFixed(3)} s, host apply+write ${after.hostS.toFixed(3)} s; reopened labelmap identical`,
      },
      {
        scenario: 'autosave',
        subject: `first autosave (whole labels.nii.gz), ${size}`,
        seconds: first.prepS + first.hostS,
        note: `moved ${kb(first.bytes + docBytes)}; before deltas every autosave sent this file as base64 JSON: ${kb(Math.ceil(first.bytes / 3) * 4)}`,
      },
    ];
    return rows;
  },
};

export default scenario;
