import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInstance, writeInstance } from '../../../shared/dicom/writeInstance';
import { generateCase } from '../../../shared/sample/generateCase';
import { scanPaths } from './scanPaths';

/** Tags that could give the phase away; removing them leaves only the pixels. */
const TELLTALE = [
  'SeriesDescription',
  'ContrastBolusAgent',
  'ContrastBolusStartTime',
  'ContrastBolusRoute',
  'ContrastBolusVolume',
  'ContrastBolusIngredient',
  'ContrastBolusTotalDose',
  'ContrastFlowRate',
  'ContrastFlowDuration',
  'ImageComments',
  'ProtocolName',
  'AcquisitionTime',
  'SeriesTime',
  'ContentTime',
  'AcquisitionDateTime',
];

describe('phase from measured enhancement', () => {
  it('names unenhanced, arterial, portal venous and delayed phases of an anonymous four-phase CT', async () => {
    const { files } = await generateCase('solitary-ablation', {
      phases: ['unenhanced', 'arterial', 'portal_venous', 'delayed'],
    });
    const dir = mkdtempSync(join(tmpdir(), 'lp-enh-'));
    const truthBySeries = new Map<string, string>();
    for (const [path, bytes] of files) {
      if (!path.startsWith('dicom/')) continue;
      const ds = readInstance(bytes);
      truthBySeries.set(ds.SeriesInstanceUID as string, path.split('/')[1]!);
      for (const t of TELLTALE) delete ds[t];
      const meta = ds._meta;
      delete ds._meta;
      const out = join(dir, path);
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, writeInstance(ds, (meta as { TransferSyntaxUID?: string }).TransferSyntaxUID));
    }
    const tree = await scanPaths([dir], { workers: 0 });
    const got = Object.fromEntries(
      tree.studies[0]!.series.map((s) => [truthBySeries.get(s.seriesInstanceUid), s.phase.label]),
    );
    expect(got).toEqual({
      S02_UNENHANCED: 'unenhanced',
      S03_ARTERIAL: 'arterial',
      S04_PORTAL_VENOUS: 'portal_venous',
      S05_DELAYED: 'delayed',
    });
    for (const s of tree.studies[0]!.series) expect(s.phase.reason).toMatch(/^measured enhancement/);
  });
});
