import { parseArgs } from 'node:util';
import { compareMasks } from '../../shared/volume/compare';
import { loadMask, parseLabel } from '../loadMask';
import { CliError, type CliCommand } from './types';

const USAGE =
  'liverplan compare --reference FILE --test FILE [--label N] [--reference-label N] [--test-label N] [--json]\n' +
  '  FILE: .nii, .nii.gz or DICOM SEG .dcm (a label is then a segment number); --label applies to both\n' +
  '  files, --reference-label and --test-label to one (a multi-label reference, e.g. TotalSegmentator liver 5,\n' +
  '  against a 0/1 mask).';

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
        'reference-label': { type: 'string' },
        'test-label': { type: 'string' },
        json: { type: 'boolean' },
      },
    });
    if (!values.reference || !values.test) throw new CliError(`usage: ${USAGE}`, 2);
    const label = parseLabel(values.label, 'label');
    const refLabel = parseLabel(values['reference-label'], 'reference-label') ?? label;
    const testLabel = parseLabel(values['test-label'], 'test-label') ?? label;
    const ref = await loadMask(values.reference, undefined, refLabel);
    const test = await loadMask(values.test, ref.grid, testLabel);
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
