import { describe, expect, it } from 'vitest';
import { chooseHanging } from './hanging';

const s = (id: string, phase: string, modality = 'CT', isVolume = true) => ({ id, phase, modality, isVolume });

describe('chooseHanging', () => {
  it('hangs arterial | portal venous | delayed for a triple-phase CT', () => {
    expect(
      chooseHanging([s('d', 'delayed'), s('u', 'unenhanced'), s('p', 'portal_venous'), s('a', 'arterial')]),
    ).toEqual(['a', 'p', 'd']);
  });
  it('uses late arterial for arterial and fills with unenhanced', () => {
    expect(chooseHanging([s('la', 'late_arterial'), s('u', 'unenhanced'), s('p', 'portal_venous')])).toEqual([
      'la',
      'p',
      'u',
    ]);
  });
  it('uses the dynamic T1 phases for MR', () => {
    expect(
      chooseHanging([
        s('t2', 't2', 'MR'),
        s('hb', 't1_hepatobiliary', 'MR'),
        s('pv', 't1_portal_venous', 'MR'),
        s('ar', 't1_arterial', 'MR'),
      ]),
    ).toEqual(['ar', 'pv', 'hb']);
  });
  it('skips localizers and falls back to the first volume when no phase is known', () => {
    expect(chooseHanging([s('loc', 'unknown', 'CT', false), s('x', 'unknown')])).toEqual(['x']);
    expect(chooseHanging([s('loc', 'unknown', 'CT', false)])).toEqual([]);
  });
});
