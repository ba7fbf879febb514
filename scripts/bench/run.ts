import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchRow, BenchScenario } from './types';

/** Formats rows as an aligned plain-text table. */
export function formatTable(rows: BenchRow[]): string {
  const header = ['scenario', 'subject', 'seconds', 'peak RSS MB', 'target', 'note'];
  const body = rows.map((r) => [
    r.scenario,
    r.subject,
    r.seconds === undefined ? '' : r.seconds.toFixed(3),
    r.peakRssMb === undefined ? '' : r.peakRssMb.toFixed(0),
    r.target ?? '',
    r.note ?? '',
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((b) => b[c]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, n) => c.padEnd(widths[n]!))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

export async function loadScenarios(dir: string): Promise<BenchScenario[]> {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .sort();
  const out: BenchScenario[] = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(join(dir, f)).href)) as { default: BenchScenario };
    out.push(mod.default);
  }
  return out;
}

/** `npm run bench [-- --quick] [-- name...]`: runs the scenarios and prints one table. */
export async function runBench(argv: string[]): Promise<BenchRow[]> {
  const quick = argv.includes('--quick');
  const only = argv.filter((a) => !a.startsWith('--'));
  const scenarios = (await loadScenarios(join(import.meta.dirname, 'scenarios'))).filter(
    (s) => only.length === 0 || only.includes(s.name),
  );
  const rows: BenchRow[] = [];
  for (const s of scenarios) {
    const workDir = mkdtempSync(join(tmpdir(), `liverplan-bench-${s.name}-`));
    process.stderr.write(`bench: ${s.name} - ${s.description}\n`);
    try {
      rows.push(...(await s.run({ workDir, quick })));
    } catch (e) {
      rows.push({ scenario: s.name, subject: 'FAILED', note: e instanceof Error ? e.message : String(e) });
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
  }
  return rows;
}
