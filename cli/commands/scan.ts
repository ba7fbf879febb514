import { parseArgs } from 'node:util';
import { studySummary } from '../../shared/dicom/seriesSummary';
import { scanPaths } from '../../electron/services/dicom/scanPaths';
import { CliError, type CliCommand } from './types';

export const scanCommand: CliCommand = {
  name: 'scan',
  summary: 'Read DICOM headers: studies, series, geometry findings and phases',
  usage: 'liverplan scan PATH... [--json] [--workers N]',
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, workers: { type: 'string' } },
    });
    if (positionals.length === 0) throw new CliError('give at least one folder, file or DICOMDIR', 2);
    const workers = values.workers === undefined ? undefined : Number(values.workers);
    if (workers !== undefined && !(Number.isInteger(workers) && workers >= 0))
      throw new CliError(`--workers must be a whole number, got '${values.workers}'`, 2);
    // No UI to keep responsive here: in-process reading is faster unless threads are asked for.
    const r = await scanPaths(positionals, { workers: workers ?? 0 });
    const json = {
      studies: r.studies.map(studySummary),
      unreadable: r.unreadable,
      duplicates: r.duplicates,
      accounted: r.accounted,
    };
    const a = r.accounted;
    const lines = [
      `${a.total} file(s) in ${r.seconds.toFixed(2)} s: ${a.images} image(s), ${a.derived} derived object(s), ${a.duplicates} duplicate(s), ${a.unreadable} unreadable`,
    ];
    for (const st of json.studies) {
      lines.push(`${st.patientName || '(no name)'} [${st.patientId}] ${st.studyDate} ${st.description}`);
      for (const s of st.series) {
        const f = s.findings.map((x) => `${x.severity}:${x.code}`).join(' ');
        lines.push(
          `  #${s.seriesNumber} ${s.modality} "${s.description}" ${s.imageCount} img ${s.columns}x${s.rows} spacing ${s.spacing.map((v) => +v.toFixed(3)).join('x')} mm  phase ${s.phase.label} (${s.phase.confidence})${f ? '  ' + f : ''}`,
        );
      }
      for (const d of st.derived) {
        const refs = d.referencedSeriesUids.length ? ` -> series ${d.referencedSeriesUids.join(', ')}` : '';
        lines.push(`  ${d.kind} #${d.seriesNumber} "${d.description}" ${d.summary}${refs}  (${d.path})`);
      }
    }
    for (const d of r.duplicates)
      lines.push(`duplicate: ${d.path} (kept ${d.keptPath}; ${d.difference ?? 'identical copy'})`);
    for (const u of r.unreadable) lines.push(`unreadable: ${u.path}: ${u.reason}`);
    return { json, text: lines.join('\n') };
  },
};
