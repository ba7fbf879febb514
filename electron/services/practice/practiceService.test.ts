import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzlibSync, zlibSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { practiceChannels } from '../../../shared/ipc/channels/practice';
import { ERROR_MAP } from '../../../shared/practice/index';
import { smallSegInput } from '../../../shared/seg/testing/testSupport';
import { writeSeg } from '../../../shared/seg/writeSeg';
import { indexToPatient, type Grid } from '../../../shared/volume/grid';
import { obliqueGrid, rasterise, sphere } from '../../../shared/volume/testing/testGrids';
import { practiceHandlers } from '../handlers/practice';
import type { HandlerContext, ServiceEnv } from '../handlerTypes';
import { SAMPLE_GENERATOR_VERSION } from '../samples/materialiseSample';

/**
 * The practice handlers on a temp userDataDir, with a small hand-made truth folder standing in
 * for the generated 'solitary-ablation' case (materialiseSample serves an existing cache folder),
 * so scoring runs in well under a second on an oblique, anisotropic grid.
 */
const grid: Grid = obliqueGrid([24, 22, 10], [1.5, 1.5, 3], [-100, -20, -60]);
const centre = indexToPatient(grid, 12, 11, 5);
const lesionCentre = indexToPatient(grid, 9, 11, 5);
const liver = rasterise(grid, sphere(centre, 14));
const lesion = rasterise(grid, sphere(lesionCentre, 5));
let dir: string;
let env: ServiceEnv;
const ctx: HandlerContext = { emit: () => undefined, signal: new AbortController().signal };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'practice-'));
  env = { userDataDir: dir, resourcesDir: dir, appVersion: 'test', host: 'cli' };
  const caseDir = join(dir, 'samples', `solitary-ablation-v${SAMPLE_GENERATOR_VERSION}`);
  await mkdir(join(caseDir, 'truth'), { recursive: true });
  await writeFile(join(caseDir, 'truth', 'seg.dcm'), writeSeg(smallSegInput(grid, [liver, lesion])));
  const count = (m: Uint8Array) => m.reduce((a, v) => a + v, 0);
  const ml = (1.5 * 1.5 * 3) / 1000;
  const truth = {
    case: 'solitary-ablation',
    grid,
    segments: [
      { label: 1, name: 'Liver', voxels: count(liver), volumeMl: count(liver) * ml },
      { label: 2, name: 'Lesion L1', voxels: count(lesion), volumeMl: count(lesion) * ml },
    ],
    liverVolumeMl: count(liver) * ml,
    tumourVolumeMl: count(lesion) * ml,
    lesions: [
      {
        id: 'L1',
        segmentNumber: 2,
        centreLps: lesionCentre,
        diameterMm: 10,
        lobe: 'right',
        voxels: count(lesion),
        volumeMl: count(lesion) * ml,
      },
    ],
  };
  await writeFile(join(caseDir, 'truth', 'truth.json'), JSON.stringify(truth));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const attemptOf = (labels: Uint8Array) => ({
  grid,
  bytesPerVoxel: 1 as const,
  labelsZlib: zlibSync(labels),
  segments: [
    { label: 1, kind: 'liver' },
    { label: 2, kind: 'lesion' },
    { label: 3, kind: 'ablation' },
  ],
});

describe('practice handlers', () => {
  it('lists tasks without any reference figure', async () => {
    const h = practiceHandlers(env);
    const { tasks } = await h['practice:tasks']!({ jobId: 'j', sample: 'solitary-ablation' }, ctx);
    expect(tasks.map((t) => t.id)).toEqual([
      'segment-liver',
      'segment-lesions',
      'plan-ablation:L1',
      'y90-activity:bsa-lsf12',
    ]);
    expect(JSON.stringify(tasks)).not.toMatch(/volumeMl|voxels|segFile|truth/);
  });

  it('scores a submitted liver, returns the FP/FN map and the reference, and keeps the history', async () => {
    const h = practiceHandlers(env);
    const labels = new Uint8Array(liver.length);
    // The attempt misses the slices k >= 7 of the liver and paints the lesion as lesion.
    for (let v = 0; v < labels.length; v++)
      if (liver[v] && Math.floor(v / (24 * 22)) < 7) labels[v] = lesion[v] ? 2 : 1;
    const r = await h['practice:submit']!(
      { jobId: 'j', sample: 'solitary-ablation', taskId: 'segment-liver', attempt: attemptOf(labels) },
      ctx,
    );
    expect(r.scores.structures[0]!.dice).toBeGreaterThan(0.5);
    expect(r.scores.structures[0]!.dice).toBeLessThan(1);
    expect(r.headline.label).toBe('Dice');
    expect(r.scores.debrief[1]).toMatch(/^Largest miss: \d+\.\d mL near LPS .*slices .* mm oblique to .* mm oblique/);
    // The answer is what the contract lets cross: the masks as compressed bytes, not text.
    expect(practiceChannels['practice:submit'].response.safeParse(r).success).toBe(true);
    expect(r.errorMapZlib).toBeInstanceOf(Uint8Array);
    const map = unzlibSync(r.errorMapZlib!);
    const ref = unzlibSync(r.referenceZlib!);
    expect(map.length).toBe(liver.length);
    expect(r.errorMapZlib!.byteLength, 'compressed on the wire').toBeLessThan(map.length / 4);
    let fn = 0;
    for (let v = 0; v < map.length; v++) {
      expect(ref[v]).toBe(liver[v]);
      if (map[v] === ERROR_MAP.falseNegative) fn++;
    }
    expect(fn).toBe(liver.reduce((a, x, v) => a + (x && !labels[v] ? 1 : 0), 0));

    const y = await h['practice:submit']!(
      { jobId: 'j', sample: 'solitary-ablation', taskId: 'y90-activity:bsa-lsf12', activityGBq: 1.2 },
      ctx,
    );
    expect(y.scores.dosimetry!.referenceGBq).toBeGreaterThan(0);
    expect(y.errorMapZlib).toBeNull();
    expect(y.referenceZlib).toBeNull();

    // A fresh service (a restarted app) reads the same history from disk.
    const again = await practiceHandlers(env)['practice:history']!({}, ctx);
    expect(again.attempts.map((a) => a.taskId)).toEqual(['y90-activity:bsa-lsf12', 'segment-liver']);
    expect(again.series.map((s) => s.taskId).sort()).toEqual(['segment-liver', 'y90-activity:bsa-lsf12']);
    const onDisk = JSON.parse(await readFile(join(dir, 'practice', 'history.json'), 'utf8'));
    expect(onDisk.attempts).toHaveLength(2);
  });

  it('scores a planned ablation zone against the host-held lesion', async () => {
    const zone = rasterise(grid, sphere(lesionCentre, 12));
    const labels = new Uint8Array(liver.length);
    for (let v = 0; v < labels.length; v++) labels[v] = zone[v] ? 3 : liver[v] ? 1 : 0;
    const r = await practiceHandlers(env)['practice:submit']!(
      { jobId: 'j', sample: 'solitary-ablation', taskId: 'plan-ablation:L1', attempt: attemptOf(labels) },
      ctx,
    );
    expect(r.scores.ablation!.coveragePercent).toBe(100);
    expect(r.scores.ablation!.marginMm!).toBeGreaterThan(4);
  });

  it('refuses what it cannot score with a message the trainee can act on', async () => {
    const h = practiceHandlers(env);
    await expect(
      h['practice:submit']!({ jobId: 'j', sample: 'solitary-ablation', taskId: 'segment-liver' }, ctx),
    ).rejects.toThrow(/segment the case first/);
    await expect(
      h['practice:submit']!({ jobId: 'j', sample: 'solitary-ablation', taskId: 'nope' }, ctx),
    ).rejects.toMatchObject({ code: 'unknown-task' });
    const bad = { ...attemptOf(new Uint8Array(10)) };
    await expect(
      h['practice:submit']!({ jobId: 'j', sample: 'solitary-ablation', taskId: 'segment-liver', attempt: bad }, ctx),
    ).rejects.toMatchObject({ code: 'invalid-attempt' });
    const damaged = { ...attemptOf(new Uint8Array(10)), labelsZlib: new Uint8Array([1, 2, 3]) };
    await expect(
      h['practice:submit']!(
        { jobId: 'j', sample: 'solitary-ablation', taskId: 'segment-liver', attempt: damaged },
        ctx,
      ),
    ).rejects.toThrow(/arrived damaged/);
    await expect(h['practice:tasks']!({ jobId: 'j', sample: 'no-such-case' }, ctx)).rejects.toMatchObject({
      code: 'unknown-sample',
    });
  });
});
