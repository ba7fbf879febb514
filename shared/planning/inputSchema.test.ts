import { describe, expect, it } from 'vitest';
import { PlanValidationError } from './errors';
import { parsePlanInput, planInputDefaults, planInputSchema } from './inputSchema';
import { planInputJsonSchema } from './jsonSchema';
import { baseInput } from './testing/baseInput';

type Input = ReturnType<typeof baseInput>;

describe('plan input schema', () => {
  it('fills defaults for omitted neutral fields', () => {
    const p = parsePlanInput(baseInput());
    expect(p.clinical).toMatchObject({ ascites: 'none', biliaryStent: false, priorTherapies: [] });
    expect(planInputDefaults().clinical.ascites).toBe(p.clinical.ascites);
  });

  it('takes a plan input without clinical at all (every clinical field has a default)', () => {
    const { clinical: _omitted, ...rest } = baseInput();
    const p = parsePlanInput(rest);
    expect(p.clinical).toMatchObject({ primaryTumour: 'NET', ascites: 'none', portalVein: 'patent' });
    expect(planInputJsonSchema().required).not.toContain('clinical');
  });

  it('lets every object whose fields all have defaults be left out, wherever it sits (docs/plan-input.md)', () => {
    type Node = { type?: string; properties?: Record<string, Node>; required?: string[]; items?: Node };
    const allDefaulted: string[] = [];
    const walk = (node: Node, path: string) => {
      for (const [key, child] of Object.entries(node.properties ?? {})) {
        const at = path ? `${path}.${key}` : key;
        if (child.properties && !child.required?.length) {
          allDefaulted.push(at);
          expect(node.required ?? [], `${at} has only defaulted fields, so it must be optional`).not.toContain(key);
        }
        walk(child, at);
      }
      if (node.items) walk(node.items, `${path}[]`);
    };
    walk(planInputJsonSchema() as Node, '');
    // The walk found the objects it checks (not an empty pass): today clinical is the only one.
    expect(allDefaulted).toEqual(['clinical']);
    for (const path of allDefaulted) {
      const input = structuredClone(baseInput()) as Record<string, unknown>;
      delete input[path];
      expect(() => parsePlanInput(input)).not.toThrow();
    }
  });

  const cases: [string, (i: Input) => void, string][] = [
    ['negative tumour volume', (i) => void (i.measured.tumourMl = -1), 'measured.tumourMl'],
    [
      'bilirubin out of range for its unit',
      (i) => void (i.labs.bilirubin = { value: 60, unit: 'mg/dL' }),
      'labs.bilirubin',
    ],
    ['ECOG 5', (i) => void (i.patient.ecog = 5), 'patient.ecog'],
    ['tumour larger than liver', (i) => void (i.measured.tumourMl = 2000), 'measured.tumourMl'],
    ['duplicate lesion id', (i) => void i.measured.lesions!.push({ ...i.measured.lesions![0]! }), 'measured.lesions'],
  ];
  it.each(cases)('refuses %s with the field named', (_name, mutate, field) => {
    const i = baseInput();
    mutate(i);
    try {
      parsePlanInput(i);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PlanValidationError);
      expect((e as PlanValidationError).field).toContain(field);
    }
  });

  it('refuses LSF outside 0..1 and a target holding more than itself', () => {
    const y90 = {
      product: 'resin' as const,
      intent: 'lobar' as const,
      lungShuntFraction: 1.2,
      targetVolumeMl: 500,
      tumourInTargetMl: 100,
      normalInTargetMl: 400,
    };
    expect(() => parsePlanInput({ ...baseInput(), y90 })).toThrow(/y90.lungShuntFraction/);
    const over = { ...y90, lungShuntFraction: 0.1, normalInTargetMl: 900 };
    expect(() => parsePlanInput({ ...baseInput(), y90: over })).toThrow(/y90.normalInTargetMl/);
    const oneTime = { ...y90, lungShuntFraction: 0.1, calibrationTime: '2026-01-01T00:00:00Z' };
    expect(() => parsePlanInput({ ...baseInput(), y90: oneTime })).toThrow(/both/);
  });

  it('exports a JSON Schema with units and ranges', () => {
    const s = JSON.stringify(planInputJsonSchema());
    expect(s).toContain('"unit":"mL"');
    expect(s).toContain('lungShuntFraction');
    const props = (s: unknown) => (s as { properties: Record<string, unknown> }).properties;
    const lsf = props(props(planInputJsonSchema()).y90).lungShuntFraction;
    expect(lsf).toMatchObject({ minimum: 0, maximum: 1, unit: 'fraction' });
    expect(planInputSchema.safeParse(baseInput()).success).toBe(true);
  });
});
