import { parseArgs } from 'node:util';
import { loadSeriesVolume } from '../../electron/services/dicom/loadSeries';
import { CliError, type CliCommand } from './types';

export const loadCommand: CliCommand = {
  name: 'load',
  summary: 'Decode a whole series into a volume: dims, spacing, HU range, time',
  usage: 'liverplan load SERIES_DIR|FILES... [--series UID] [--json]',
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, series: { type: 'string' } },
    });
    if (positionals.length === 0) throw new CliError('give a series folder or its files', 2);
    let r;
    try {
      r = await loadSeriesVolume(positionals, { seriesInstanceUid: values.series });
    } catch (e) {
      throw new CliError(e instanceof Error ? e.message : String(e));
    }
    const d = r.volume.data;
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;
    for (let i = 0; i < d.length; i++) {
      const v = d[i]!;
      if (v < min) min = v;
      if (v > max) max = v;
      sum += v;
    }
    const g = r.volume.grid;
    const json = {
      seriesInstanceUid: r.series.seriesInstanceUid,
      modality: r.series.modality,
      dims: g.dims,
      spacing: g.spacing,
      origin: g.origin,
      direction: g.direction,
      dataType: d.constructor.name,
      min,
      max,
      mean: sum / d.length,
      resampled: r.resampled,
      findings: r.series.findings,
      seconds: r.seconds,
    };
    const text = `${g.dims.join('x')} voxels, spacing ${g.spacing.map((v) => +v.toFixed(4)).join('x')} mm, ${json.dataType}; ${r.series.modality === 'CT' ? 'HU' : 'values'} ${min}..${max}, mean ${json.mean.toFixed(1)}; ${r.seconds.toFixed(2)} s${r.resampled ? `\n${r.resampled}` : ''}`;
    return { json, text };
  },
};
