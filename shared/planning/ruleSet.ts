import { z } from 'zod';
import { PlanValidationError } from './errors';

/**
 * Rule sets are versioned data (resources/rules/*.json): every threshold and constant with its
 * source and evidence tag. Code holds only the logic of each rule id; the numbers live here.
 */
export const MODALITIES = ['TAE', 'cTACE', 'DEB-TACE', 'SIRT', 'RFA', 'MWA'] as const;
export type Modality = (typeof MODALITIES)[number];

const sourced = z.object({
  value: z.number(),
  unit: z.string(),
  tag: z.string(),
  source: z.string().min(1),
});
export type SourcedConstant = z.infer<typeof sourced>;

const band3 = z.object({
  higherIsWorse: z.boolean(),
  twoPointsAt: z.number(),
  threePointsBeyond: z.number(),
});
export type ChildPughBand = z.infer<typeof band3>;

const settingSchema = z.object({
  label: z.string(),
  unit: z.string(),
  default: z.number(),
  tag: z.string(),
  source: z.string().min(1),
  options: z.array(z.object({ value: z.number(), source: z.string() })).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
});
export type SettingDefinition = z.infer<typeof settingSchema>;

const thresholdSchema = z.union([
  z.object({ value: z.number(), unit: z.string() }),
  z.object({ setting: z.string(), unit: z.string() }),
]);
export type ThresholdDefinition = z.infer<typeof thresholdSchema>;

const ruleSchema = z.object({
  id: z.string(),
  modalities: z.array(z.enum(MODALITIES)).min(1),
  severity: z.enum(['contraindicated', 'caution', 'info']),
  hardWarning: z.boolean().optional(),
  perLesion: z.boolean().optional(),
  tag: z.string(),
  inputs: z.array(z.string()),
  thresholds: z.record(z.string(), thresholdSchema),
  source: z.string().min(1),
  checklist: z.string().optional(),
});
export type RuleDefinition = z.infer<typeof ruleSchema>;

export const SETTING_IDS = [
  'doseFactorK',
  'lungSessionLimitGy',
  'lungCumulativeLimitGy',
  'burdenCautionPercent',
  'sirtBurdenPercent',
  'marginTargetMm',
  'ablationLesionCountLimit',
  'heatSinkProximityMm',
  'criticalStructureProximityMm',
] as const;
export type SettingId = (typeof SETTING_IDS)[number];

export const ruleSetSchema = z.object({
  id: z.string().min(1),
  version: z.string().min(1),
  title: z.string(),
  seedSource: z.string(),
  disclaimer: z.string(),
  constants: z.object({
    y90HalfLifeHours: sourced,
    y90EnergyPerGBq: sourced,
    tissueDensity: sourced,
    lungMassDefault: sourced,
    bilirubinUmolPerMgDl: sourced,
    creatinineUmolPerMgDl: sourced,
  }),
  calculators: z.object({
    childPugh: z.object({
      tag: z.string(),
      source: z.string(),
      bilirubinMgDl: band3,
      albuminGDl: band3,
      inr: band3,
      classes: z.array(z.object({ class: z.enum(['A', 'B', 'C']), maxScore: z.number() })),
    }),
    albi: z.object({
      tag: z.string(),
      source: z.string(),
      bilirubinCoefficient: z.number(),
      albuminCoefficient: z.number(),
      grade1Max: z.number(),
      grade2Max: z.number(),
    }),
    bsaDuBois: z.object({
      tag: z.string(),
      source: z.string(),
      coefficient: z.number(),
      heightExponent: z.number(),
      weightExponent: z.number(),
    }),
    resinBsaActivity: z.object({ tag: z.string(), source: z.string(), bsaOffset: z.number() }),
    resinLsfReduction: z.object({
      tag: z.string(),
      source: z.string(),
      bands: z.array(z.object({ lsfBelow: z.number(), reduction: z.number().min(0).max(1) })),
      doNotTreatAbove: z.number(),
    }),
    burdenBins: z.object({
      tag: z.string(),
      source: z.string(),
      bins: z.array(z.object({ fromPercent: z.number(), toPercent: z.number().nullable(), label: z.string() })),
    }),
  }),
  settings: z.record(z.enum(SETTING_IDS), settingSchema),
  rules: z.array(ruleSchema),
});
export type RuleSet = z.infer<typeof ruleSetSchema>;

/** Validates rule-set data (e.g. an edited JSON file); throws PlanValidationError on the first problem. */
export function parseRuleSet(data: unknown): RuleSet {
  const r = ruleSetSchema.safeParse(data);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new PlanValidationError(`ruleSet.${issue.path.join('.')}`, issue.message);
  }
  const set = r.data;
  for (const id of SETTING_IDS) {
    if (!set.settings[id]) throw new PlanValidationError(`ruleSet.settings.${id}`, 'setting missing');
  }
  const seen = new Set<string>();
  for (const rule of set.rules) {
    if (seen.has(rule.id)) throw new PlanValidationError(`ruleSet.rules.${rule.id}`, 'duplicate rule id');
    seen.add(rule.id);
    for (const [name, t] of Object.entries(rule.thresholds)) {
      if ('setting' in t && !(SETTING_IDS as readonly string[]).includes(t.setting)) {
        throw new PlanValidationError(`ruleSet.rules.${rule.id}.thresholds.${name}`, `unknown setting '${t.setting}'`);
      }
    }
  }
  return set;
}

/** Looks a rule up by id; a rule set missing a rule the engine needs is refused. */
export function getRule(ruleSet: RuleSet, id: string): RuleDefinition {
  const rule = ruleSet.rules.find((r) => r.id === id);
  if (!rule) throw new PlanValidationError(`ruleSet.rules`, `rule '${id}' is missing from ${ruleSet.id}`);
  return rule;
}
