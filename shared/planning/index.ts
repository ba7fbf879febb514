/** Public surface of the planning rules engine. */
export { evaluatePlan, type PlanResult, type ChecklistItem, type TumourBurdenFigure } from './evaluate';
export { loadDefaultRuleSet } from './loadDefaultRuleSet';
export { parseRuleSet, MODALITIES, type RuleSet, type Modality, type RuleDefinition } from './ruleSet';
export { resolveSettings, type PlanSettings, type ResolvedSettings } from './settings';
export { planInputSchema, planInputDefaults, parsePlanInput, type PlanInput, type PlanInputRaw } from './inputSchema';
export { planInputJsonSchema } from './jsonSchema';
export { PlanValidationError } from './errors';
export type { Outcome, OutcomeStatus } from './outcome';
export type { Y90Result, Y90MethodResult } from './y90/dosimetry';
