import { describe, expect, it } from 'vitest';
import { evaluatePlan } from './evaluate';
import { PlanValidationError } from './errors';
import { loadDefaultRuleSet } from './loadDefaultRuleSet';
import { parseRuleSet } from './ruleSet';
import { resolveSettings } from './settings';
import { baseInput } from './testing/baseInput';

const rs = loadDefaultRuleSet();
const clone = () => structuredClone(rs) as unknown as Record<string, unknown> & typeof rs;

describe('default rule set', () => {
  it('has the id, a version and a source and tag on every constant, setting and rule', () => {
    expect(rs.id).toBe('liverplan-net-liver');
    expect(rs.version).toMatch(/^\d+\.\d+\.\d+$/);
    for (const c of Object.values(rs.constants)) expect(c.source.length && c.tag.length).toBeTruthy();
    for (const s of Object.values(rs.settings)) expect(s.source.length && s.tag.length).toBeTruthy();
    for (const r of rs.rules) expect(r.source.length && r.tag.length).toBeTruthy();
  });

  it('pins the clinical-rules constants and stated defaults', () => {
    expect(rs.constants.y90HalfLifeHours.value).toBe(64.1);
    expect(rs.constants.tissueDensity.value).toBe(1.03);
    expect(rs.constants.lungMassDefault.value).toBe(1);
    expect(resolveSettings(rs)).toEqual({
      doseFactorK: 49.67,
      lungSessionLimitGy: 30,
      lungCumulativeLimitGy: 50,
      burdenCautionPercent: 50,
      sirtBurdenPercent: 70,
      marginTargetMm: 5,
      ablationLesionCountLimit: 3,
      heatSinkProximityMm: 10,
      criticalStructureProximityMm: 10,
    });
    expect(rs.settings.doseFactorK!.options!.map((o) => o.value)).toEqual([49.67, 50]);
    expect(rs.settings.lungSessionLimitGy!.options!.map((o) => o.value)).toEqual([30, 25]);
  });

  it('evaluates with every rule implemented', () => {
    expect(() => evaluatePlan(baseInput(), rs)).not.toThrow();
  });

  it('refuses a rule id without logic, a duplicate id, an unknown setting reference', () => {
    const unknown = clone();
    unknown.rules = [...rs.rules, { ...rs.rules[0]!, id: 'made.up' }];
    expect(() => evaluatePlan(baseInput(), parseRuleSet(unknown))).toThrow(/no logic/);
    const dup = clone();
    dup.rules = [...rs.rules, rs.rules[0]!];
    expect(() => parseRuleSet(dup)).toThrow(/duplicate/);
    const badRef = clone();
    badRef.rules = [{ ...rs.rules[0]!, thresholds: { x: { setting: 'nope', unit: '%' } } }];
    expect(() => parseRuleSet(badRef)).toThrow(PlanValidationError);
  });

  it('edited thresholds change outcomes without code changes', () => {
    const edited = clone();
    edited.rules = rs.rules.map((r) =>
      r.id === 'ablation.size-rfa' ? { ...r, thresholds: { diameterMm: { value: 20, unit: 'mm' } } } : r,
    );
    const p = evaluatePlan(baseInput(), parseRuleSet(edited));
    expect(p.outcomes.find((o) => o.ruleId === 'ablation.size-rfa')!.status).toBe('caution');
  });

  it('refuses unknown or out-of-range settings', () => {
    expect(() => resolveSettings(rs, { ablationLesionCountLimit: 0 })).toThrow(/outside/);
    expect(() => resolveSettings(rs, { foo: 1 } as never)).toThrow(/unknown setting/);
  });
});
