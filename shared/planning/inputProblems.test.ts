import { describe, expect, it } from 'vitest';
import { draftToInput, mergeDraft, type Draft } from './draft';
import { planInputProblems } from './inputProblems';
import { planInputDefaults } from './inputSchema';

// As the form hands it over: the Y-90 block counts once a product is chosen.
const blank = () => draftToInput(planInputDefaults() as unknown as Draft);
const complete = (): Draft =>
  mergeDraft(blank(), {
    patient: { heightCm: 170, weightKg: 70 },
    labs: { bilirubin: { unit: 'mg/dL', value: 1 }, albumin: { unit: 'g/dL', value: 4 }, inr: 1 },
    measured: { liverMl: 1500, tumourMl: 100 },
  } as Draft);
const withCreatinine = (d: Draft) => mergeDraft(d, { labs: { creatinine: { unit: 'mg/dL', value: 1 } } } as Draft);
// The words a clinician must never see: zod's phrasing and dotted paths.
const SCHEMA_WORDS = /expected|received|Invalid|option|undefined|discriminator|[A-Za-z]\.[A-Za-z0-9]/;

describe('planInputProblems', () => {
  it('lists every missing required field at once, by its form label', () => {
    const problems = planInputProblems(blank());
    expect(problems.map((p) => p.message)).toEqual([
      'Height is missing.',
      'Weight is missing.',
      'Bilirubin is missing.',
      'Albumin is missing.',
      'INR is missing.',
      'Creatinine is missing.',
      'Liver incl. tumour is missing.',
      'Tumour is missing.',
    ]);
    expect(problems.every((p) => p.kind === 'missing')).toBe(true);
  });

  it('words ranges with the unit chosen beside a lab value', () => {
    const d = mergeDraft(withCreatinine(complete()), { labs: { bilirubin: { unit: 'umol/L', value: 2000 } } } as Draft);
    expect(planInputProblems(d)).toEqual([
      {
        field: 'labs.bilirubin',
        label: 'Bilirubin',
        kind: 'invalid',
        message: 'Bilirubin must be at most 855 umol/L.',
      },
    ]);
  });

  it('names lesion fields after the lesion and lists the allowed choices in words', () => {
    const d = mergeDraft(withCreatinine(complete()), {
      measured: {
        lesions: [
          { id: 'L1', diameterMm: 0 },
          { id: 'L2', diameterMm: 20, lobe: 'middle' },
        ],
      },
    } as Draft);
    expect(planInputProblems(d).map((p) => [p.field, p.message])).toEqual([
      ['measured.lesions.0.diameterMm', 'Lesion L1 diameter must be at least 1 mm.'],
      ['measured.lesions.0.lobe', 'Lesion L1 lobe is missing.'],
      ['measured.lesions.1.lobe', 'Lesion L2 lobe must be left, right or caudate.'],
    ]);
  });

  it('says whole number, number and date in plain words', () => {
    const d = mergeDraft(withCreatinine(complete()), {
      patient: { ecog: 1.5 },
      labs: { inr: 'high' },
      y90: {
        product: 'glass',
        intent: 'lobar',
        lungShuntFraction: 0.05,
        targetVolumeMl: 500,
        tumourInTargetMl: 50,
        normalInTargetMl: 450,
        calibrationTime: 'tomorrow',
      },
    } as Draft);
    expect(planInputProblems(d).map((p) => p.message)).toEqual([
      'ECOG must be a whole number.',
      'INR must be a number.',
      'Calibration time must be a date and time with its time zone.',
    ]);
  });

  it('reports a cross-field problem once every field is valid on its own', () => {
    const d = mergeDraft(withCreatinine(complete()), { measured: { tumourMl: 2000 } } as Draft);
    expect(planInputProblems(d)).toEqual([
      {
        field: 'measured.tumourMl',
        label: 'Tumour',
        kind: 'invalid',
        message: 'Tumour: exceeds the whole-liver volume including tumours.',
      },
    ]);
  });

  it('is empty for a complete input', () => {
    expect(planInputProblems(withCreatinine(complete()))).toEqual([]);
  });

  it('never lets a path or schema wording through', () => {
    const bad = mergeDraft(blank(), {
      patient: { heightCm: 5, weightKg: 'x', ecog: 9 },
      labs: { bilirubin: { unit: 'mmol', value: 1 }, albumin: { unit: 'g/L', value: 900 } },
      clinical: { ascites: 'lots', priorTherapies: ['magic'] },
      measured: { liverMl: -1, tumourMl: 1, lesions: [{ id: '', lobe: 'x', vessels: [{ diameterMm: 0 }] }] },
      y90: { product: 'gold' },
    } as Draft);
    const problems = planInputProblems(bad);
    expect(problems.length).toBeGreaterThan(8);
    for (const p of problems) expect(p.message).not.toMatch(SCHEMA_WORDS);
  });
});
