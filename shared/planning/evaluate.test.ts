import { describe, expect, it } from 'vitest';
import { evaluatePlan, type PlanResult } from './evaluate';
import { loadDefaultRuleSet } from './loadDefaultRuleSet';
import { baseInput } from './testing/baseInput';
import type { PlanInputRaw } from './inputSchema';

const rs = loadDefaultRuleSet();
const find = (p: PlanResult, ruleId: string, modality?: string) =>
  p.outcomes.filter((o) => o.ruleId === ruleId && (!modality || o.modality === modality));
const status = (p: PlanResult, modality: string) => p.summary.find((s) => s.modality === modality)!.status;
const withY90 = (y90: Partial<NonNullable<PlanInputRaw['y90']>>): PlanInputRaw => ({
  ...baseInput(),
  y90: {
    product: 'resin',
    intent: 'lobar',
    lungShuntFraction: 0.05,
    targetVolumeMl: 900,
    tumourInTargetMl: 200,
    normalInTargetMl: 700,
    ...y90,
  },
});

describe('evaluatePlan', () => {
  it('names the rule set, its version and the settings used; every outcome has a source', () => {
    const p = evaluatePlan(baseInput(), rs);
    expect(p).toMatchObject({ ruleSetId: 'liverplan-net-liver', ruleSetVersion: rs.version });
    expect(p.settings.doseFactorK).toBe(49.67);
    expect(p.burden).toMatchObject({ percent: 20, liverIncludingTumourMl: 1500, bin: '10-25%' });
    expect(p.outcomes.every((o) => o.source.length > 0 && o.rationale.length > 0)).toBe(true);
    expect(status(p, 'TAE')).toBe('eligible');
    expect(status(p, 'SIRT')).toBe('eligible');
  });

  it('reports burden bins at their edges with the denominator', () => {
    const bin = (tumourMl: number) => {
      const i = baseInput();
      i.measured.tumourMl = tumourMl;
      return evaluatePlan(i, rs).burden.bin;
    };
    expect([0, 150, 375, 750, 1125, 1500].map(bin)).toEqual(['<10%', '10-25%', '25-50%', '50-75%', '>=75%', '>=75%']);
  });

  it('Child-Pugh B8 contraindicates TAE/cTACE/DEB-TACE (EASL 2018)', () => {
    const i = baseInput();
    i.labs.bilirubin = { value: 2.5, unit: 'mg/dL' };
    i.labs.inr = 1.8;
    i.clinical!.ascites = 'mild';
    const p = evaluatePlan(i, rs);
    expect(p.calculators.childPugh.label).toBe('B8');
    expect(find(p, 'tace.decompensated-cirrhosis').map((o) => o.modality)).toEqual(['TAE', 'cTACE', 'DEB-TACE']);
    expect(status(p, 'cTACE')).toBe('contraindicated');
  });

  it('converts umol/L and g/L inputs (ALBI vector through the full plan)', () => {
    const i = baseInput();
    i.labs.bilirubin = { value: 17.1, unit: 'umol/L' };
    i.labs.albumin = { value: 40, unit: 'g/L' };
    const p = evaluatePlan(i, rs);
    expect(p.calculators.albi.score).toBeCloseTo(-2.586, 3);
    expect(p.calculators.albi.grade).toBe(2);
    expect(p.calculators.childPugh.points.bilirubin).toBe(1);
  });

  it('burden cut-off is a setting: 55% cautions at 50 (default), not at 75', () => {
    const i = baseInput();
    i.measured.tumourMl = 825;
    expect(find(evaluatePlan(i, rs), 'burden.embolization-caution')).toHaveLength(3);
    expect(find(evaluatePlan(i, rs, { burdenCautionPercent: 75 }), 'burden.embolization-caution')).toHaveLength(0);
    expect(() => evaluatePlan(i, rs, { burdenCautionPercent: 60 })).toThrow(/not offered/);
  });

  it('SIRT >70% replacement: contraindicated, caution when synthetic function is maintained', () => {
    const i = baseInput();
    i.measured.tumourMl = 1100;
    expect(find(evaluatePlan(i, rs), 'sirt.replacement')[0]!.status).toBe('contraindicated');
    i.clinical!.syntheticFunctionMaintained = true;
    expect(find(evaluatePlan(i, rs), 'sirt.replacement')[0]!.status).toBe('caution');
  });

  it('TACE mortality quartet cautions when factors occur together', () => {
    const i = baseInput();
    i.measured.tumourMl = 900;
    i.labs.ldhUL = 500;
    const p = evaluatePlan(i, rs);
    expect(find(p, 'tace.mortality-quartet', 'cTACE')[0]!.rationale).toMatch(/2 of 4/);
  });

  it('NET + DEB-TACE warns of biliary injury; biliary history adds a hard warning and a checklist item', () => {
    const i = baseInput();
    i.clinical!.sphincterotomy = true;
    const p = evaluatePlan(i, rs);
    expect(find(p, 'net.deb-tace-biliary-injury')[0]).toMatchObject({ modality: 'DEB-TACE', hardWarning: true });
    expect(find(p, 'net.abscess-biliary-history', 'SIRT')[0]!.hardWarning).toBe(true);
    expect(find(p, 'tace.incompetent-papilla')).toHaveLength(3);
    expect(p.checklist.map((c) => c.ruleId)).toContain('net.abscess-biliary-history');
  });

  it('functional tumour -> octreotide checklist item, never a dose', () => {
    const i = baseInput();
    i.clinical!.functionalSyndrome = true;
    const item = evaluatePlan(i, rs).checklist.find((c) => c.ruleId === 'net.carcinoid-crisis')!;
    expect(item.text).toMatch(/octreotide/i);
    expect(item.text).not.toMatch(/\d+\s*(ug|mcg|mg)/);
  });

  it('bilobar disease suggests staged treatment, higher-burden lobe first', () => {
    const i = baseInput();
    i.measured.lesions = [
      { id: 'A', diameterMm: 20, volumeMl: 4, lobe: 'right' },
      { id: 'B', diameterMm: 40, volumeMl: 30, lobe: 'left' },
    ];
    expect(find(evaluatePlan(i, rs), 'net.bilobar-staging', 'TAE')[0]!.rationale).toMatch(/left lobe/);
  });

  it('absolute TACE contraindications: portal flow, both lobes, renal', () => {
    const i = baseInput();
    i.clinical!.portalVein = 'hepatofugal-flow';
    i.measured.bothLobesEntirelyInvolved = true;
    i.labs.creatinine = { value: 190, unit: 'umol/L' };
    const p = evaluatePlan(i, rs);
    for (const id of ['tace.portal-flow', 'tace.both-lobes-entire', 'tace.renal']) {
      expect(find(p, id, 'TAE')[0]!.status).toBe('contraindicated');
    }
  });

  it('ACR-SIR: bilirubin >2 mg/dL contraindicates SIRT unless reversible', () => {
    const i = baseInput();
    i.labs.bilirubin = { value: 2.4, unit: 'mg/dL' };
    expect(find(evaluatePlan(i, rs), 'sirt.bilirubin')[0]!.status).toBe('contraindicated');
    i.clinical!.reversibleBilirubinCause = true;
    expect(find(evaluatePlan(i, rs), 'sirt.bilirubin')[0]!.status).toBe('caution');
  });

  it('lists rules skipped for missing optional inputs', () => {
    const i = baseInput();
    delete i.labs.granulocytes10e9L;
    expect(evaluatePlan(i, rs).notEvaluated).toContainEqual({
      ruleId: 'sirt.granulocytes',
      missing: ['labs.granulocytes10e9L'],
    });
    expect(evaluatePlan(i, rs).notEvaluated).toContainEqual({ ruleId: 'y90.*', missing: ['y90'] });
  });
});

describe('evaluatePlan: ablation per lesion', () => {
  const i = baseInput();
  i.measured.lesions = [
    { id: 'S', diameterMm: 22, lobe: 'right', minimalAblativeMarginMm: 6 },
    {
      id: 'M',
      diameterMm: 42,
      lobe: 'right',
      minimalAblativeMarginMm: -1,
      vessels: [{ name: 'right hepatic vein', diameterMm: 6, distanceMm: 4 }],
      criticalStructures: [{ structure: 'gallbladder', distanceMm: 7 }],
    },
  ];
  const p = evaluatePlan(i, rs);
  it('sizes: RFA <=3 cm eligible, larger caution; MWA up to 5 cm', () => {
    expect(find(p, 'ablation.size-rfa').map((o) => [o.lesionId, o.status])).toEqual([
      ['S', 'eligible'],
      ['M', 'caution'],
    ]);
    expect(find(p, 'ablation.size-mwa').find((o) => o.lesionId === 'M')!.status).toBe('info');
  });
  it('margin: negative = residual tumour; 6 mm meets the 5 mm target; 10 mm setting fails it', () => {
    const m = find(p, 'ablation.margin', 'RFA');
    expect(m.find((o) => o.lesionId === 'M')!.rationale).toMatch(/residual/);
    expect(m.find((o) => o.lesionId === 'S')!.status).toBe('eligible');
    const strict = evaluatePlan(i, rs, { marginTargetMm: 10 });
    expect(find(strict, 'ablation.margin', 'RFA').find((o) => o.lesionId === 'S')!.status).toBe('caution');
  });
  it('a zone grazing a 120 mm lesion: its measured margin of -118 mm is residual tumour, not an invalid input', () => {
    const grazed = baseInput();
    grazed.measured.lesions = [{ id: 'L7', diameterMm: 120, lobe: 'right', minimalAblativeMarginMm: -118.4 }];
    const m = find(evaluatePlan(grazed, rs), 'ablation.margin', 'RFA');
    expect(m.map((o) => [o.lesionId, o.status])).toEqual([['L7', 'caution']]);
    expect(m[0]!.rationale).toMatch(/-118.4 mm: residual/);
    // Beyond the longest diameter the schema allows it is a typing error, and said so.
    grazed.measured.lesions[0]!.minimalAblativeMarginMm = -301;
    expect(() => evaluatePlan(grazed, rs)).toThrow();
  });
  it('heat sink cautions RFA, informs MWA; critical structure cautions both', () => {
    const hs = find(p, 'ablation.heat-sink');
    expect(hs.find((o) => o.modality === 'RFA')!.status).toBe('caution');
    expect(hs.find((o) => o.modality === 'MWA')!.status).toBe('info');
    expect(find(p, 'ablation.critical-structure').map((o) => o.modality)).toEqual(['RFA', 'MWA']);
  });
  it('lesion count limit is a setting', () => {
    const many = baseInput();
    many.measured.lesions = [1, 2, 3, 4].map((n) => ({ id: `L${n}`, diameterMm: 15, lobe: 'right' as const }));
    expect(find(evaluatePlan(many, rs), 'ablation.lesion-count')).toHaveLength(2);
    expect(find(evaluatePlan(many, rs, { ablationLesionCountLimit: 5 }), 'ablation.lesion-count')).toHaveLength(0);
  });
});

describe('evaluatePlan: Y-90', () => {
  it('resin lobar: BSA (partial liver) and MIRD; glass gets no BSA', () => {
    const p = evaluatePlan(withY90({ perfusedDoseGy: 120 }), rs);
    const bsa = p.y90!.methods.find((m) => m.method === 'bsa')!;
    // BSA 1.810 m2, TB 20%, target 900 of 1500 mL.
    expect(bsa.activityGBq).toBeCloseTo(1.8097 * 0.6, 3);
    expect(bsa.warnings.map((w) => w.ruleId)).toContain('y90.bsa-not-dosimetric');
    const mird = p.y90!.methods.find((m) => m.method === 'mird')!;
    expect(mird.activityGBq).toBeCloseTo((120 * 0.927) / (49.67 * 0.95), 6);
    expect(mird.perfusedDoseGy).toBeCloseTo(120, 9);
    const glass = evaluatePlan(withY90({ product: 'glass', perfusedDoseGy: 120 }), rs);
    expect(glass.y90!.notComputed.map((n) => n.method)).toContain('bsa');
  });

  it('partition vector through the plan: k 49.67, LSF 8% -> 1.663 GBq, D_T 120, D_L 6.6', () => {
    // M_T 0.2 kg and M_N 1.3 kg at 1.03 g/mL.
    const p = evaluatePlan(
      withY90({
        lungShuntFraction: 0.08,
        targetVolumeMl: 1500 / 1.03,
        tumourInTargetMl: 200 / 1.03,
        normalInTargetMl: 1300 / 1.03,
        tumourToNormalRatio: 3,
        normalLiverDoseGy: 40,
        intent: 'whole-liver',
      }),
      rs,
    );
    const part = p.y90!.methods.find((m) => m.method === 'partition')!;
    expect(part.activityGBq).toBeCloseTo(1.663, 3);
    expect(part.tumourDoseGy).toBeCloseTo(120, 6);
    expect(part.lungDoseGy).toBeCloseTo(6.6, 1);
  });

  it('lung dose above the session limit contraindicates; 25 Gy is selectable; cumulative 50 Gy', () => {
    const y = { lungShuntFraction: 0.15, perfusedDoseGy: 300, targetVolumeMl: 1200, normalInTargetMl: 1000 };
    const p = evaluatePlan(withY90(y), rs);
    const mird = p.y90!.methods.find((m) => m.method === 'mird')!;
    expect(mird.lungDoseGy).toBeGreaterThan(30);
    expect(mird.warnings.find((w) => w.ruleId === 'y90.lung-session')!.status).toBe('contraindicated');
    expect(status(p, 'SIRT')).toBe('contraindicated');
    const low = withY90({ lungShuntFraction: 0.13, perfusedDoseGy: 200 });
    const dL = evaluatePlan(low, rs).y90!.methods.find((m) => m.method === 'mird')!.lungDoseGy;
    expect(dL).toBeGreaterThan(25);
    expect(dL).toBeLessThan(30);
    const at25 = evaluatePlan(low, rs, { lungSessionLimitGy: 25 });
    expect(find(at25, 'y90.lung-session', 'SIRT')).toHaveLength(1);
    const prior = evaluatePlan(withY90({ lungShuntFraction: 0.1, perfusedDoseGy: 200, priorLungDoseGy: 30 }), rs);
    expect(find(prior, 'y90.lung-cumulative')).toHaveLength(1);
  });

  it('resin LSF >20% -> do not treat', () => {
    const p = evaluatePlan(withY90({ lungShuntFraction: 0.22 }), rs);
    expect(find(p, 'y90.resin-lsf')[0]!.status).toBe('contraindicated');
    expect(p.y90!.notComputed.find((n) => n.method === 'bsa')!.reason).toMatch(/lung shunt/);
  });

  it('EANM targets: glass segmentectomy >400 Gy perfused, tumour >=205 Gy', () => {
    const seg = { product: 'glass' as const, intent: 'segmentectomy' as const, targetVolumeMl: 150 };
    const y = { ...seg, tumourInTargetMl: 30, normalInTargetMl: 120, tumourToNormalRatio: 2 };
    const under = evaluatePlan(withY90({ ...y, perfusedDoseGy: 300 }), rs);
    expect(find(under, 'y90.glass-segmentectomy')[0]!.status).toBe('caution');
    const over = evaluatePlan(withY90({ ...y, perfusedDoseGy: 450 }), rs);
    expect(find(over, 'y90.glass-segmentectomy')[0]!.status).toBe('info');
    expect(find(over, 'y90.glass-tumour')[0]!.status).toBe('info');
  });

  it('EANM: glass whole normal liver limit drops to 50 Gy with bilirubin >1.1 mg/dL', () => {
    const y = {
      product: 'glass' as const,
      intent: 'whole-liver' as const,
      targetVolumeMl: 1500,
      tumourInTargetMl: 300,
    };
    const yy = { ...y, normalInTargetMl: 1200, tumourToNormalRatio: 2, normalLiverDoseGy: 60 };
    expect(find(evaluatePlan(withY90(yy), rs), 'y90.glass-whole-normal')[0]!.status).toBe('info');
    const i = withY90(yy);
    i.labs.bilirubin = { value: 1.5, unit: 'mg/dL' };
    const p = evaluatePlan(i, rs);
    expect(find(p, 'y90.glass-whole-normal')[0]).toMatchObject({ status: 'caution' });
    expect(find(p, 'y90.glass-whole-normal')[0]!.rationale).toMatch(/<50 Gy/);
  });

  it('EANM resin normal liver: unilobar <40, bilobar compromised <30', () => {
    const y = { tumourToNormalRatio: 2, normalLiverDoseGy: 35 };
    const uni = evaluatePlan(withY90(y), rs).outcomes.find(
      (o) => o.ruleId === 'y90.resin-normal' && o.method === 'partition',
    )!;
    expect(uni).toMatchObject({ status: 'info' });
    const bil = evaluatePlan(withY90({ ...y, bilobar: true, pretreatedOrCompromised: true }), rs);
    const part = bil.outcomes.find((o) => o.ruleId === 'y90.resin-normal' && o.method === 'partition')!;
    expect(part).toMatchObject({ status: 'caution' });
  });

  it('decays the activity to the treatment time', () => {
    const p = evaluatePlan(
      withY90({ perfusedDoseGy: 120, calibrationTime: '2026-11-27T12:00:00Z', treatmentTime: '2026-11-28T12:00:00Z' }),
      rs,
    );
    const m = p.y90!.methods.find((x) => x.method === 'mird')!;
    expect(m.decay!.activityAtCalibrationGBq).toBeCloseTo(m.activityGBq * 2 ** (24 / 64.1), 9);
  });

  it('k = 50 is selectable and stored with the plan', () => {
    const p = evaluatePlan(withY90({ perfusedDoseGy: 120 }), rs, { doseFactorK: 50 });
    expect(p.settings.doseFactorK).toBe(50);
    expect(p.y90!.k).toBe(50);
    expect(() => evaluatePlan(withY90({}), rs, { doseFactorK: 48 })).toThrow(/doseFactorK/);
  });
});
