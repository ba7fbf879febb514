import data from '../../resources/rules/liverplan-net-liver.json' with { type: 'json' };
import { parseRuleSet, type RuleSet } from './ruleSet';

let cached: RuleSet | undefined;

/** The rule set shipped with the app (resources/rules/liverplan-net-liver.json), validated once. */
export function loadDefaultRuleSet(): RuleSet {
  cached ??= parseRuleSet(data);
  return cached;
}
