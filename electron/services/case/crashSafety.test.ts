import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeNiftiLabelmap } from '../../../shared/volume/nifti';
import { createCaseStore } from './caseStore';
import { testCaseInput } from './testing/testFixtures';
import { editFromNotes, labelForEdit } from './crashTestData';

const KILLS_PER_LANE = 18;
const LANES = 2;
const INTERVAL_MS = 40;
const EDIT_MS = 2;
/** Event-loop and process-scheduling slack on a loaded 2-core CI machine. */
const SLACK_MS = 400;

let work: string;
let childJs: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'lp-crash-'));
  childJs = join(work, 'crashChild.mjs');
  // Bundled once: a plain node start is ~5x faster than going through tsx for each of the kills.
  await build({
    entryPoints: [join(import.meta.dirname, 'crashChild.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: childJs,
    logLevel: 'silent',
  });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Round {
  acked: number;
  midWrite: boolean;
  killedAt: number;
  start: number;
  maxWriteMs: number;
}

/** Runs the child until it has written a few times, then SIGKILLs it at a random moment. */
function runAndKill(root: string, caseId: string, saveEvery: number, rand: () => number): Promise<Round> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [childJs, root, caseId, String(INTERVAL_MS), String(EDIT_MS), String(saveEvery)],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const round: Round = { acked: -1, midWrite: false, killedAt: 0, start: 0, maxWriteMs: 0 };
    let buffer = '';
    let stderr = '';
    let armed = false;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const [word, a, b] = buffer.slice(0, nl).split(' ');
        buffer = buffer.slice(nl + 1);
        if (round.killedAt) continue;
        if (word === 'start') round.start = Number(a);
        if (word === 'begin') round.midWrite = true;
        if (word === 'ack') {
          round.midWrite = false;
          round.acked = Number(a);
          round.maxWriteMs = Math.max(round.maxWriteMs, Number(b));
          if (!armed) {
            armed = true;
            setTimeout(
              () => {
                round.killedAt = Date.now();
                child.kill('SIGKILL');
              },
              rand() * 6 * INTERVAL_MS,
            );
          }
        }
      }
    });
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(round);
      else reject(new Error(`crash child exited by itself: ${stderr.slice(0, 500)}`));
    });
  });
}

describe('crash safety (SIGKILL while autosaving)', () => {
  it(`reopens after ${KILLS_PER_LANE * LANES} kills at random points, losing at most one interval`, async () => {
    let seed = 0x2545f491;
    const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const root = join(work, 'cases');
    const store = createCaseStore(root);
    const cases = await Promise.all(Array.from({ length: LANES }, () => store.create(testCaseInput)));
    const stats = { kills: 0, midWrite: 0, recoveredAutosave: 0, completedSave: 0, worstLostMs: 0, maxWriteMs: 0 };

    await Promise.all(
      cases.map(async ({ document }, lane) => {
        // One lane mostly autosaves, the other saves every second write, to hit kills mid-save too.
        const saveEvery = lane === 0 ? 5 : 2;
        for (let n = 0; n < KILLS_PER_LANE; n++) {
          const round = await runAndKill(root, document.caseId, saveEvery, rand);
          const opened = await createCaseStore(root).open(document.caseId);
          const edit = editFromNotes(opened.document.notes);
          // Everything the child reported as written survived, and the labelmap matches the document.
          expect(edit).toBeGreaterThanOrEqual(round.acked);
          expect(decodeNiftiLabelmap(opened.labels!).data[0]).toBe(labelForEdit(edit));
          const lostMs = round.killedAt - (round.start + edit * EDIT_MS);
          expect(lostMs).toBeLessThanOrEqual(INTERVAL_MS + round.maxWriteMs + SLACK_MS);
          stats.kills++;
          if (round.midWrite) stats.midWrite++;
          if (opened.source === 'autosave') stats.recoveredAutosave++;
          if (opened.recovery?.kind === 'interrupted-save') stats.completedSave++;
          stats.worstLostMs = Math.max(stats.worstLostMs, lostMs);
          stats.maxWriteMs = Math.max(stats.maxWriteMs, round.maxWriteMs);
        }
      }),
    );
    const debris = cases.flatMap(({ document }) =>
      readdirSync(join(root, document.caseId, 'snapshots')).filter((f) => f.endsWith('.partial')),
    );
    console.log(
      `crash test: ${JSON.stringify(stats)}; temp files left by kills (cleaned on next write): ${debris.length}`,
    );
    expect(stats.kills).toBe(KILLS_PER_LANE * LANES);
  }, 120_000);
});
