import { describe, expect, it } from 'vitest';
import { shortenPath, splitPaths } from './shortenPaths';

describe('shortenPath', () => {
  it('leaves a short path alone', () => {
    expect(shortenPath('/tmp/report.pdf')).toBe('/tmp/report.pdf');
  });

  it('keeps the root folder, the last folders and the file name', () => {
    const p = '/home/radiology/cases/2024/patient-0042/exports/segmentation-final.nii.gz';
    const s = shortenPath(p, 48);
    expect(s).toBe('/home/…/exports/segmentation-final.nii.gz');
    expect(s.length).toBeLessThanOrEqual(48);
  });

  it('shortens Windows paths with their own separator', () => {
    expect(shortenPath('C:\\Users\\doctor\\Documents\\LiverPlan\\cases\\2024\\report-final.pdf', 40)).toBe(
      'C:\\…\\cases\\2024\\report-final.pdf',
    );
  });

  it('cuts a single overlong name in its middle', () => {
    const s = shortenPath(`/${'a'.repeat(30)}${'b'.repeat(40)}.pdf`, 20);
    expect(s).toHaveLength(20);
    expect(s).toMatch(/^\/a+…b+\.pdf$/);
  });
});

describe('splitPaths', () => {
  it('finds paths in a sentence, without their trailing punctuation', () => {
    const parts = splitPaths(
      'Exported 3 segment(s) to /home/radiology/cases/2024/patient-0042/exports/seg.nii.gz; names in /tmp/x.json.',
      32,
    );
    expect(parts).toEqual([
      { text: 'Exported 3 segment(s) to ' },
      { path: '/home/radiology/cases/2024/patient-0042/exports/seg.nii.gz', short: '/home/…/exports/seg.nii.gz' },
      { text: '; names in ' },
      { path: '/tmp/x.json', short: '/tmp/x.json' },
      { text: '.' },
    ]);
  });

  it('does not take units or words with a slash for paths', () => {
    expect(splitPaths('Bilirubin 2 mg/dL and/or albumin in g/L')).toEqual([
      { text: 'Bilirubin 2 mg/dL and/or albumin in g/L' },
    ]);
  });
});
