import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import { mapElements, type ElementSpot } from './elementMap';
import { mutateDicom } from './mutate';
import { createRng } from './prng';
import type { CaseOutcome } from './runImportCase';
import type { Seed, SeriesSeed } from './seedCorpus';

export interface FuzzOptions {
  seed: number;
  cases: number;
  /** Every n-th case is a whole series (one or two slices mutated) loaded from a folder. */
  seriesEvery?: number;
  workers?: number;
  /** A case running longer than this is a hang: its worker is terminated and replaced. */
  caseTimeoutMs?: number;
  /** Where the bundled worker goes; must sit under the repo so node_modules resolve. */
  cacheDir?: string;
}

export interface FuzzFailure {
  caseIndex: number;
  seedName: string;
  ops: string[];
  kind: 'crash' | 'hang' | 'worker-died';
  reason: string;
}

export interface FuzzReport {
  cases: number;
  loaded: number;
  rejected: number;
  crashes: number;
  hangs: number;
  /** Rejections per stage and first words of the reason, to see what the corpus reaches. */
  byStage: Record<string, number>;
  failures: FuzzFailure[];
  seconds: number;
}

export interface Corpus {
  seeds: Seed[];
  series: SeriesSeed[];
}

/** Case n of a run is fully determined by (seed, n): replay one finding with generateCase. */
export function generateCase(
  corpus: Corpus,
  maps: Map<Uint8Array, ElementSpot[]>,
  runSeed: number,
  n: number,
  seriesEvery = 0,
) {
  const rng = createRng((runSeed ^ Math.imul(n + 1, 0x9e3779b1)) >>> 0);
  const mutate = (bytes: Uint8Array) => {
    let spots = maps.get(bytes);
    if (!spots) maps.set(bytes, (spots = mapElements(bytes)));
    return mutateDicom(bytes, spots, rng);
  };
  if (seriesEvery > 0 && corpus.series.length && n % seriesEvery === seriesEvery - 1) {
    const series = rng.pick(corpus.series);
    const files = series.files.map((f) => f.bytes);
    const ops: string[] = [];
    for (let m = 1 + rng.int(2); m > 0; m--) {
      const k = rng.int(files.length);
      const out = mutate(series.files[k]!.bytes);
      files[k] = out.bytes;
      ops.push(...out.ops.map((o) => `slice ${k}: ${o}`));
    }
    return { seedName: `series ${series.name}`, files, ops };
  }
  const seed = corpus.seeds[rng.int(corpus.seeds.length)]!;
  const { bytes, ops } = mutate(seed.bytes);
  return { seedName: seed.name, files: [bytes], ops };
}

async function bundleWorker(cacheDir: string): Promise<string> {
  mkdirSync(cacheDir, { recursive: true });
  const outfile = join(cacheDir, `fuzzWorker-${process.pid}.mjs`);
  // Bundled so the worker starts without a TypeScript loader; packages stay external (wasm codecs).
  await build({
    entryPoints: [join(import.meta.dirname, 'fuzzWorker.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile,
    logLevel: 'silent',
  });
  return outfile;
}

/**
 * Seeded mutation fuzzing of the import path: each case runs in a worker
 * thread with a timeout, so a crash or hang is caught and attributed to its
 * case (with the mutations that made it) instead of taking the run down.
 */
export async function runFuzz(corpus: Corpus, opts: FuzzOptions): Promise<FuzzReport> {
  const started = performance.now();
  const workerFile = await bundleWorker(
    opts.cacheDir ?? join(import.meta.dirname, '../../../node_modules/.cache/liverplan-fuzz'),
  );
  const maps = new Map<Uint8Array, ElementSpot[]>();
  const timeoutMs = opts.caseTimeoutMs ?? 5000;
  const report: FuzzReport = {
    cases: opts.cases,
    loaded: 0,
    rejected: 0,
    crashes: 0,
    hangs: 0,
    byStage: {},
    failures: [],
    seconds: 0,
  };
  let next = 0;

  const lane = async (): Promise<void> => {
    let worker: Worker | null = null;
    const spawn = () => new Worker(workerFile, { resourceLimits: { maxOldGenerationSizeMb: 768 } });
    try {
      while (next < opts.cases) {
        const n = next++;
        const c = generateCase(corpus, maps, opts.seed, n, opts.seriesEvery);
        worker ??= spawn();
        const w = worker;
        const result = await new Promise<CaseOutcome | { kind: 'hang' | 'worker-died'; reason: string }>((resolve) => {
          const onMessage = (m: { id: number; outcome: CaseOutcome }) => m.id === n && done(m.outcome);
          const onError = (e: Error) =>
            done({ kind: 'worker-died', reason: `uncaught in worker: ${e.message.slice(0, 300)}` });
          const onExit = (code: number) => done({ kind: 'worker-died', reason: `worker exited with code ${code}` });
          // Only our own listeners: Worker keeps internal ones (port ref/unref) that must stay.
          const done = (r: CaseOutcome | { kind: 'hang' | 'worker-died'; reason: string }) => {
            clearTimeout(timer);
            w.off('message', onMessage).off('error', onError).off('exit', onExit);
            resolve(r);
          };
          const timer = setTimeout(() => done({ kind: 'hang', reason: `no answer within ${timeoutMs} ms` }), timeoutMs);
          w.on('message', onMessage).on('error', onError).on('exit', onExit);
          w.postMessage({ id: n, files: c.files });
        });
        if (result.kind === 'loaded') report.loaded++;
        else if (result.kind === 'rejected') {
          report.rejected++;
          const key = `${result.stage}: ${result.reason
            .replace(/^\w*Error: /, '')
            .split(/[\s:(]/)
            .slice(0, 3)
            .join(' ')}`;
          report.byStage[key] = (report.byStage[key] ?? 0) + 1;
        } else {
          if (result.kind === 'hang') report.hangs++;
          else report.crashes++;
          report.failures.push({
            caseIndex: n,
            seedName: c.seedName,
            ops: c.ops,
            kind: result.kind === 'hang' ? 'hang' : result.kind === 'crash' ? 'crash' : 'worker-died',
            reason: 'stage' in result ? `${result.stage}: ${result.reason}` : result.reason,
          });
          if (result.kind !== 'crash') {
            await w.terminate();
            worker = null;
          }
        }
      }
    } finally {
      await worker?.terminate();
    }
  };
  try {
    await Promise.all(Array.from({ length: opts.workers ?? 2 }, lane));
  } finally {
    rmSync(workerFile, { force: true });
  }
  report.seconds = (performance.now() - started) / 1000;
  return report;
}
