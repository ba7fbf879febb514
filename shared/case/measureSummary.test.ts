import { describe, expect, it } from 'vitest';
import { measuredMargins } from './measureSummary';

describe('measuredMargins', () => {
  const tumour = (label: number, mamMm: number, coveragePercent: number) => ({
    label,
    margin: { mamMm, coveragePercent },
  });

  it('carries the predicted margin of each lesion a zone reaches, residual tumour included', () => {
    const m = measuredMargins(
      { tumours: [tumour(2, 4.5, 100), tumour(3, -2.1, 80)] },
      { tumourLabel: null, mamMm: undefined },
    );
    expect([...m]).toEqual([
      [2, { mamMm: 4.5, source: 'Ablation (predicted zone)' }],
      [3, { mamMm: -2.1, source: 'Ablation (predicted zone)' }],
    ]);
  });

  it('gives no margin to a lesion no zone reaches (its distance to the zone is not an ablative margin)', () => {
    const m = measuredMargins(
      { tumours: [tumour(2, 4.5, 100), tumour(5, -87.3, 0), { label: 6, margin: null }] },
      { tumourLabel: null, mamMm: undefined },
    );
    expect([...m.keys()]).toEqual([2]);
  });

  it('lets the Confirm margin (achieved zone) replace the predicted one, and add one where none was predicted', () => {
    const ablation = { tumours: [tumour(2, 4.5, 100), tumour(5, -87.3, 0)] };
    expect(measuredMargins(ablation, { tumourLabel: 2, mamMm: 6.2 }).get(2)).toEqual({
      mamMm: 6.2,
      source: 'Confirm (achieved zone)',
    });
    expect(measuredMargins(ablation, { tumourLabel: 5, mamMm: 3 }).get(5)?.source).toBe('Confirm (achieved zone)');
    expect(measuredMargins(null, { tumourLabel: 2, mamMm: Number.NaN }).size).toBe(0);
  });
});
