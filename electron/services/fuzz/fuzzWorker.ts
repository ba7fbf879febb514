/** Worker-thread entry of the fuzzer: runs one case per message so the parent can time each out. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { runImportCase, runSeriesCase } from './runImportCase';

const scratch = mkdtempSync(join(tmpdir(), 'lp-fuzz-series-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));

parentPort!.on('message', async (msg: { id: number; files: Uint8Array[] }) => {
  if (msg.files.length === 1) {
    parentPort!.postMessage({ id: msg.id, outcome: await runImportCase(msg.files[0]!) });
    return;
  }
  const folder = join(scratch, String(msg.id));
  mkdirSync(folder);
  msg.files.forEach((bytes, n) => writeFileSync(join(folder, `IM${String(n).padStart(4, '0')}`), bytes));
  const outcome = await runSeriesCase(folder);
  rmSync(folder, { recursive: true, force: true });
  parentPort!.postMessage({ id: msg.id, outcome });
});
