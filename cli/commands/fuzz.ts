import { parseArgs } from 'node:util';
import { runFuzz } from '../../electron/services/fuzz/runFuzz';
import { buildSeedCorpus } from '../../electron/services/fuzz/seedCorpus';
import { CliError, type CliCommand } from './types';

export const fuzzCommand: CliCommand = {
  name: 'fuzz',
  summary: 'Seeded mutation fuzzing of the DICOM import path (development tool)',
  usage: 'liverplan fuzz [--cases N] [--seed S] [--series-every K] [--workers W] [--timeout MS] [--json]',
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        cases: { type: 'string', default: '3000' },
        seed: { type: 'string', default: '20261128' },
        'series-every': { type: 'string', default: '10' },
        workers: { type: 'string', default: '2' },
        timeout: { type: 'string', default: '5000' },
        json: { type: 'boolean' },
      },
    });
    const int = (name: string, v: string | undefined, min: number) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < min) throw new CliError(`--${name} must be an integer >= ${min}, got "${v}"`, 2);
      return n;
    };
    const { seeds, series, skipped } = buildSeedCorpus();
    const report = await runFuzz(
      { seeds, series },
      {
        seed: int('seed', values.seed, 0),
        cases: int('cases', values.cases, 1),
        seriesEvery: int('series-every', values['series-every'], 0),
        workers: int('workers', values.workers, 1),
        caseTimeoutMs: int('timeout', values.timeout, 100),
      },
    );
    const lines = [
      `${report.cases} cases in ${report.seconds.toFixed(1)} s: loaded ${report.loaded}, rejected ${report.rejected}, crashes ${report.crashes}, hangs ${report.hangs}`,
      ...(skipped.length ? [`seeds skipped: ${skipped.join(', ')}`] : []),
      ...report.failures.map(
        (f) => `case ${f.caseIndex} [${f.seedName}] ${f.ops.join(', ')} -> ${f.kind}: ${f.reason}`,
      ),
    ];
    if (report.failures.length) {
      // CI must fail on a finding: list the cases (with their mutations, to replay) then exit 1.
      process.stderr.write(lines.join('\n') + '\n');
      throw new CliError(
        `${report.crashes} crash(es) and ${report.hangs} hang(s) in ${report.cases} cases; cases listed above`,
      );
    }
    return { json: report, text: lines.join('\n') };
  },
};
