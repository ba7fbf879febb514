import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { evaluatePlan, type PlanResult } from '../../shared/planning/evaluate';
import { PlanValidationError } from '../../shared/planning/errors';
import { planInputJsonSchema } from '../../shared/planning/jsonSchema';
import { loadDefaultRuleSet } from '../../shared/planning/loadDefaultRuleSet';
import { parseRuleSet, SETTING_IDS, type SettingId } from '../../shared/planning/ruleSet';
import type { PlanSettings } from '../../shared/planning/settings';
import { planInputProblems } from '../../shared/planning/inputProblems';
import { casePlanInput, type CasePlanInput } from './planCase';
import { CliError, type CliCommand } from './types';

const USAGE =
  'liverplan plan (--input FILE.json | --case CASE_DIR) [--set SETTING=VALUE ...] [--rules RULESET.json] [--json] | ' +
  'liverplan plan --schema';

/** Evaluates the planning rule set (eligibility, calculators, Y-90 dosimetry) on one input file. */
export const planCommand: CliCommand = {
  name: 'plan',
  summary: 'evaluate eligibility rules and Y-90 dosimetry for a plan input or a saved case (docs/plan-input.md)',
  usage: USAGE,
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        input: { type: 'string' },
        case: { type: 'string' },
        set: { type: 'string', multiple: true },
        rules: { type: 'string' },
        schema: { type: 'boolean' },
        json: { type: 'boolean' },
      },
    });
    if (values.schema) return { json: planInputJsonSchema() };
    if (!values.input === !values.case) throw new CliError(`usage: ${USAGE}`, 2);
    const ruleSet = values.rules ? wrap(() => parseRuleSet(readJson(values.rules!, 'rules'))) : loadDefaultRuleSet();
    const settings = parseSettings(values.set ?? []);
    if (values.case) return planCase(await casePlanInput(values.case), ruleSet, settings);
    const input = readJson(values.input!, 'input');
    const result = wrap(() => evaluatePlan(input as never, ruleSet, settings));
    return { json: result, text: formatPlan(result) };
  },
};

/**
 * A saved case's plan: the result carries which inputs were measured (and from what) and which the
 * user overrode, the figures they came from, and the case's lesion ids; an incomplete draft is
 * refused naming every missing input in the Plan form's words.
 */
function planCase(c: CasePlanInput, ruleSet: Parameters<typeof evaluatePlan>[1], settings: PlanSettings) {
  const problems = planInputProblems(c.input);
  if (problems.length) {
    throw new CliError(
      `case ${c.caseDoc.caseId}: the plan inputs are incomplete (enter them in the Plan workspace): ` +
        problems.map((p) => p.message).join(' '),
    );
  }
  const result = wrap(() => evaluatePlan(c.input as never, ruleSet, settings));
  const json = {
    ...result,
    caseId: c.caseDoc.caseId,
    input: c.input,
    measuredInputs: c.measuredInputs,
    ...(c.summary ? { measured: c.summary } : {}),
    notes: c.notes,
  };
  const rows = c.measuredInputs.map(
    (o) =>
      `  ${o.path}: ${o.value ?? '-'}${o.overridden ? ` (overridden; measured ${o.measured})` : ''} <- ${o.source}`,
  );
  const text = [
    `Case ${c.caseDoc.caseId}`,
    ...(rows.length ? ['Measured inputs:', ...rows] : ['No measured inputs (no liver segment).']),
    ...c.notes.map((n) => `Note: ${n}`),
    '',
    formatPlan(result),
  ].join('\n');
  return { json, text };
}

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read ${what} file ${file}: ${(e as NodeJS.ErrnoException).code ?? e}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CliError(`${what} file ${file} is not valid JSON: ${(e as Error).message}`);
  }
}

function parseSettings(pairs: string[]): PlanSettings {
  const out: PlanSettings = {};
  for (const pair of pairs) {
    const m = /^([A-Za-z]+)=(.+)$/.exec(pair);
    if (!m) throw new CliError(`--set expects SETTING=VALUE, got '${pair}'`, 2);
    const [, key, raw] = m as unknown as [string, string, string];
    if (!(SETTING_IDS as readonly string[]).includes(key)) {
      throw new CliError(`unknown setting '${key}' (one of ${SETTING_IDS.join(', ')})`, 2);
    }
    const value = Number(raw);
    if (!Number.isFinite(value)) throw new CliError(`setting ${key}: '${raw}' is not a number`, 2);
    out[key as SettingId] = value;
  }
  return out;
}

function wrap<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof PlanValidationError) throw new CliError(`invalid ${e.message}`);
    throw e;
  }
}

const r2 = (v: number | undefined) => (v === undefined ? '-' : (Math.round(v * 100) / 100).toString());

/** Human-readable plan: summary per modality, calculators, triggered rules, Y-90 figures, checklist. */
function formatPlan(p: PlanResult): string {
  const c = p.calculators;
  const lines = [
    `Rule set ${p.ruleSetId} ${p.ruleSetVersion}`,
    `Child-Pugh ${c.childPugh.label}; ALBI ${r2(c.albi.score)} (grade ${c.albi.grade}); BSA ${r2(c.bsa.m2)} m2`,
    `Tumour burden ${r2(p.burden.percent)}% (${p.burden.bin}) of ${r2(p.burden.liverIncludingTumourMl)} mL liver incl. tumours`,
    '',
    'Modality   Status',
    ...p.summary.map((s) => `${(s.modality + (s.planned ? ' *' : '')).padEnd(10)} ${s.status}`),
    '',
    'Outcomes:',
    ...p.outcomes
      .filter((o) => o.status !== 'info' || !o.method)
      .map((o) => {
        const where = [o.modality, o.lesionId, o.method].filter(Boolean).join('/');
        return `  [${o.status}${o.hardWarning ? ', HARD' : ''}] ${where} ${o.ruleId}: ${o.rationale}\n      source: ${o.source}`;
      }),
  ];
  if (p.y90) {
    const y = p.y90;
    lines.push('', `Y-90 ${y.product}, ${y.intent}; k ${y.k} Gy.kg/GBq; LSF ${r2(y.lungShuntFraction * 100)}%`);
    lines.push('  method      A(GBq)  D_perf  D_T     D_N     D_lung  A@cal(GBq)');
    for (const m of y.methods) {
      lines.push(
        `  ${m.method.padEnd(10)}  ${r2(m.activityGBq).padEnd(6)}  ${r2(m.perfusedDoseGy).padEnd(6)}  ` +
          `${r2(m.tumourDoseGy).padEnd(6)}  ${r2(m.normalDoseGy).padEnd(6)}  ${r2(m.lungDoseGy).padEnd(6)}  ` +
          r2(m.decay?.activityAtCalibrationGBq),
      );
    }
    for (const n of y.notComputed) lines.push(`  ${n.method}: not computed (${n.reason})`);
  }
  if (p.checklist.length) lines.push('', 'Checklist:', ...p.checklist.map((i) => `  [ ] ${i.text}`));
  if (p.notEvaluated.length) {
    lines.push(
      '',
      'Not evaluated (inputs missing):',
      ...p.notEvaluated.map((n) => `  ${n.ruleId}: ${n.missing.join(', ')}`),
    );
  }
  lines.push('', p.disclaimer);
  return lines.join('\n');
}
