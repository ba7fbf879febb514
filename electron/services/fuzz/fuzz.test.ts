import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSeedCorpus } from './seedCorpus';
import { runFuzz } from './runFuzz';
import { runImportCase, runSeriesCase } from './runImportCase';

const CASES = Number(process.env.LIVERPLAN_FUZZ_CASES ?? 3000);
/** Other seeds explore other cases: LIVERPLAN_FUZZ_SEED=n LIVERPLAN_FUZZ_CASES=20000 for a long run. */
const SEED = Number(process.env.LIVERPLAN_FUZZ_SEED ?? 20261128);

describe('import fuzzing', () => {
  it('every seed loads unmutated (the corpus reaches the decoders and the series loader)', async () => {
    const { seeds, series } = buildSeedCorpus();
    for (const s of seeds) {
      expect({ seed: s.name, outcome: await runImportCase(s.bytes) }).toMatchObject({ outcome: { kind: 'loaded' } });
    }
    const dir = mkdtempSync(join(tmpdir(), 'lp-fuzz-seed-'));
    try {
      for (const s of series) {
        const folder = join(dir, s.name);
        mkdirSync(folder);
        s.files.forEach((f, n) => writeFileSync(join(folder, `IM${n}`), f.bytes));
        expect({ seed: s.name, outcome: await runSeriesCase(folder) }).toMatchObject({ outcome: { kind: 'loaded' } });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it(`${CASES} mutated files and series end in a loaded series or a specific error, never a crash or hang`, async () => {
    const { seeds, series, skipped } = buildSeedCorpus();
    const report = await runFuzz(
      { seeds, series },
      {
        seed: SEED,
        cases: CASES,
        seriesEvery: 10,
        workers: 2,
        caseTimeoutMs: 5000,
      },
    );
    const top = Object.entries(report.byStage)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 12);
    console.log(
      `fuzz seed ${SEED}: ${report.cases} cases in ${report.seconds.toFixed(1)} s over ${seeds.length} file seeds and ` +
        `${series.length} series seeds (every 10th case a series)` +
        `${skipped.length ? ` (skipped: ${skipped.join(', ')})` : ''}: loaded ${report.loaded}, rejected ${report.rejected}, ` +
        `crashes ${report.crashes}, hangs ${report.hangs}\n` +
        `top rejections: ${top.map(([k, v]) => `${v}x ${k}`).join('; ')}\n` +
        report.failures
          .slice(0, 25)
          .map((f) => `  case ${f.caseIndex} [${f.seedName}] ${f.ops.join(', ')} -> ${f.kind}: ${f.reason}`)
          .join('\n'),
    );
    expect(report.loaded + report.rejected + report.crashes + report.hangs).toBe(CASES);
    expect(report.hangs).toBe(0);
    expect(report.failures).toEqual([]);
  }, 180_000);
});
