import { describe, expect, it } from 'vitest';
import { readInstance, writeInstance } from '../dicom/writeInstance';
import { readSeg } from '../seg/readSeg';
import { PRIVATE_CODES, SR_CODES, sameCode } from '../sr/codes';
import { readSr } from '../sr/readSr';
import { buildCaseObjects } from './buildCaseObjects';
import { makeTestCase } from './testing/testCase';

const software = { manufacturer: 'LiverPlan', modelName: 'LiverPlan', version: '0.1.0', deviceSerialNumber: 'dev' };

describe('buildCaseObjects', () => {
  it('writes SEG and SR that re-import to the same masks, codes and numbers', async () => {
    const c = makeTestCase();
    const out = await buildCaseObjects({ ...c, software, at: new Date('2026-02-03T04:05:06Z') });
    // Empty segments (the gallbladder here) are left out of every object.
    expect(out.model.volumetry.map((v) => v.name)).toEqual(['Liver', 'Lesion 1', 'Ablation zone 1']);

    const seg = readSeg(writeInstance(out.seg), c.labels.grid);
    expect(seg.segments.map((s) => [s.number, s.label, s.coding.type.value])).toEqual([
      [1, 'Liver', '10200004'],
      [2, 'Lesion 1', '14799000'],
      [3, 'Ablation zone 1', 'LP001'],
    ]);
    for (const [n, label] of [1, 2, 3].entries()) {
      const expected = Array.from(c.labels.data, (v) => (v === label ? 1 : 0));
      expect(Array.from(seg.masks[n]!.data, (v) => (v ? 1 : 0))).toEqual(expected);
    }

    const sr = readSr(readInstance(writeInstance(out.sr)));
    expect(sr.seg.sopInstanceUid).toBe(out.seg.SOPInstanceUID);
    expect(sr.seg.seriesInstanceUid).toBe(out.seg.SeriesInstanceUID);
    expect(sr.source.seriesInstanceUid).toBe(c.source[0]!.SeriesInstanceUID);
    expect(sr.groups.map((g) => [g.trackingId, g.segmentNumber])).toEqual([
      ['Liver', 1],
      ['Lesion 1', 2],
      ['Ablation zone 1', 3],
    ]);
    // Tracking UIDs agree between SEG and SR.
    expect(sr.groups.map((g) => g.trackingUid)).toEqual(seg.segments.map((s) => s.trackingUid));
    const lesion = sr.groups[1]!;
    const volume = lesion.measurements.find((m) => sameCode(m.concept, SR_CODES.volume))!;
    expect(volume.value).toBeCloseTo(out.measurements.stats.get(2)!.volumeMl, 6);
    const mean = lesion.measurements.find((m) => sameCode(m.derivation, SR_CODES.mean))!;
    expect(mean.value).toBeCloseTo(150, 3);
    const mam = lesion.measurements.find((m) => sameCode(m.concept, PRIVATE_CODES.minimalAblativeMargin))!;
    expect(mam.value).toBeGreaterThan(2);
    expect(mam.value).toBeLessThan(6);
    const burden = sr.groups[0]!.measurements.find((m) => sameCode(m.concept, PRIVATE_CODES.tumourBurden))!;
    expect(burden.value).toBeCloseTo(out.measurements.burden!.percent, 6);

    expect(out.pdfDataset.MIMETypeOfEncapsulatedDocument).toBe('application/pdf');
    expect(out.model.ablation?.margins[0]?.lesion).toBe('Lesion 1');
    // Key images by content: the lesion at its largest cross-section, then the liver.
    expect(out.model.keyImages.map((k) => k.caption.split(' ')[0])).toEqual(['L2', 'Liver']);
  });
});
