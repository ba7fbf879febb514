import { parseArgs } from 'node:util';
import { computeMargin } from '../../shared/volume/margin';
import { loadMask, parseLabel } from '../loadMask';
import { CliError, type CliCommand } from './types';

const USAGE =
  'liverplan margin --tumour FILE --zone FILE [--liver FILE] [--tumour-label N] ' +
  '[--zone-label N] [--liver-label N] [--json]\n' +
  '  FILE: .nii, .nii.gz or DICOM SEG .dcm (a label is then a segment number)';

/** Minimal ablative margin (qam method) of a tumour mask against an ablation-zone mask. */
export const marginCommand: CliCommand = {
  name: 'margin',
  summary: 'minimal ablative margin of a tumour against an ablation zone (qam method)',
  usage: USAGE,
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        tumour: { type: 'string' },
        zone: { type: 'string' },
        liver: { type: 'string' },
        'tumour-label': { type: 'string' },
        'zone-label': { type: 'string' },
        'liver-label': { type: 'string' },
        json: { type: 'boolean' },
      },
    });
    if (!values.tumour || !values.zone) throw new CliError(`usage: ${USAGE}`, 2);
    const tumour = await loadMask(values.tumour, undefined, parseLabel(values['tumour-label'], 'tumour-label'));
    const zone = await loadMask(values.zone, tumour.grid, parseLabel(values['zone-label'], 'zone-label'));
    const liver = values.liver
      ? await loadMask(values.liver, tumour.grid, parseLabel(values['liver-label'], 'liver-label'))
      : undefined;
    const r = computeMargin(tumour.mask, zone.mask, tumour.grid, { liver: liver?.mask });
    const json = {
      mamMm: round(r.mamMm),
      q25Mm: round(r.q25Mm),
      medianMm: round(r.medianMm),
      percentBelow0: round(r.percentBelow0),
      percentBelow5: round(r.percentBelow5),
      coveragePercent: round(r.coveragePercent),
      excludedSubcapsularPercent: round(r.excludedSubcapsularPercent),
      residualTumour: r.residualTumour,
    };
    const text = [
      `Minimal ablative margin: ${json.mamMm} mm${r.residualTumour ? '  (RESIDUAL TUMOUR)' : ''}`,
      `q25 ${json.q25Mm} mm, median ${json.medianMm} mm`,
      `surface < 0 mm: ${json.percentBelow0} %, < ${r.targetMm} mm: ${json.percentBelow5} %`,
      `tumour covered by zone: ${json.coveragePercent} %`,
      `subcapsular surface excluded: ${json.excludedSubcapsularPercent} %` + (liver ? '' : ' (no liver mask given)'),
    ].join('\n');
    return { json, text };
  },
};

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
