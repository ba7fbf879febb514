import { parseArgs } from 'node:util';
import { compareMasks } from '../../shared/volume/compare';
import { loadMask, parseLabel } from '../loadMask';
import { CliError, type CliCommand } from './types';

const USAGE =
  'liverplan compare --reference FILE --test FILE [--label N] [--json]\n' +
  '  FILE: .nii, .nii.gz or DICOM SEG .dcm (a label is then a segment number)';

/** Overlap and surface-distance agreement of two segmentation masks. */
export const compareCommand: CliCommand = {
  name: 'compare',
  summary: 'Dice, Jaccard, Hausdorff, HD95 and volume difference of two masks',
  usage: USAGE,
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        reference: { type: 'string' },
        test: { type: 'string' },
        label: { type: 'string' },
        json: { type: 'boolean' },
      },
    });
    if (!values.reference || !values.test) throw new CliError(`usage: ${USAGE}`, 2);
    const label = parseLabel(values.label, 'label');
    const ref = await loadMask(values.reference, undefined, label);
    const test = await loadMask(values.test, ref.grid, label);
    const r = compareMasks(ref.mask, test.mask, ref.grid);
    const json = {
      dice: round(r.dice, 4),
      jaccard: round(r.jaccard, 4),
      hausdorffMm: round(r.hausdorffMm, 2),
      hd95Mm: round(r.hd95Mm, 2),
      volumeDifferencePercent: round(r.volumeDifferencePercent, 2),
    };
    return { json };
  },
};

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
