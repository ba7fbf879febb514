import { PlanValidationError } from './errors';
import { SETTING_IDS, type RuleDefinition, type RuleSet, type SettingId } from './ruleSet';

/** User choices where sources disagree; anything left out takes the rule set's stated default. */
export type PlanSettings = Partial<Record<SettingId, number>>;
export type ResolvedSettings = Record<SettingId, number>;

/**
 * Fills in defaults and refuses values the rule set does not offer: disputed figures must be one
 * of the listed options (each with its source); centre-dependent ones must sit in [min, max].
 */
export function resolveSettings(ruleSet: RuleSet, settings: PlanSettings = {}): ResolvedSettings {
  const out = {} as ResolvedSettings;
  for (const id of SETTING_IDS) {
    const def = ruleSet.settings[id]!;
    const value = settings[id] ?? def.default;
    const field = `settings.${id}`;
    if (!Number.isFinite(value)) throw new PlanValidationError(field, `${value} is not a number`);
    if (def.options && !def.options.some((o) => o.value === value)) {
      const allowed = def.options.map((o) => o.value).join(' or ');
      throw new PlanValidationError(field, `${value} ${def.unit} is not offered (choose ${allowed})`);
    }
    if ((def.min !== undefined && value < def.min) || (def.max !== undefined && value > def.max)) {
      throw new PlanValidationError(field, `${value} ${def.unit} is outside ${def.min}-${def.max}`);
    }
    out[id] = value;
  }
  for (const key of Object.keys(settings)) {
    if (!(SETTING_IDS as readonly string[]).includes(key)) {
      throw new PlanValidationError(`settings.${key}`, 'unknown setting');
    }
  }
  return out;
}

/** A rule's named threshold, taken from the data or, when it names a setting, from the settings. */
export function threshold(rule: RuleDefinition, name: string, settings: ResolvedSettings): number {
  const t = rule.thresholds[name];
  if (!t) throw new PlanValidationError(`ruleSet.rules.${rule.id}`, `threshold '${name}' missing`);
  return 'setting' in t ? settings[t.setting as SettingId] : t.value;
}
