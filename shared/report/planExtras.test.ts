import { describe, expect, it } from 'vitest';
import { measureCase } from '../export/buildCaseObjects';
import { makeTestCase } from '../export/testCase';
import { baseInput } from '../planning/testing/baseInput';
import { planExtras } from './planExtras';

describe('planExtras', () => {
  it('evaluates the case plan inputs with the shipped rule set and reports calculators and sources', () => {
    const c = makeTestCase();
    c.caseDoc.planInput = baseInput() as Record<string, unknown>;
    const extras = planExtras(c.caseDoc, { stats: new Map(), margins: [] });
    expect(extras.ruleSet).toMatch(/@/);
    expect(extras.procedure).toBe('SIRT');
    expect(extras.clinical?.map((r) => r.label)).toEqual(['Child-Pugh', 'ALBI', 'Body surface area (Du Bois)']);
    expect(extras.clinical?.[0]?.value).toMatch(/^A /);
    for (const o of extras.outcomes ?? []) expect(o.source.length).toBeGreaterThan(0);
  });

  it('takes volumes from the segmentation and says which input is invalid instead of guessing', () => {
    const c = makeTestCase();
    c.caseDoc.planInput = baseInput() as Record<string, unknown>;
    // The synthetic liver (about 25 mL) is below the plan's valid range for a whole liver.
    const extras = planExtras(c.caseDoc, measureCase(c.caseDoc, c.labels, c.volume));
    expect(extras.outcomes).toEqual([
      expect.objectContaining({ status: 'not evaluated', message: expect.stringMatching(/measured\.liverMl/) }),
    ]);
  });

  it('gives nothing for a case without plan inputs', () => {
    expect(planExtras(makeTestCase().caseDoc, { stats: new Map(), margins: [] })).toEqual({});
  });
});
