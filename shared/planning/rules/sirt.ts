import { outcomesFor } from '../outcome';
import { threshold } from '../settings';
import { fmt, type RuleImpl } from './context';

/** SIRT eligibility (ACR-SIR), clinical-rules.md section 4; dosimetry rules live in y90/. */
export const sirtRules: Record<string, RuleImpl> = {
  'sirt.bilirubin': (rule, ctx) => {
    const cut = threshold(rule, 'bilirubinMgDl', ctx.settings);
    if (ctx.labs.bilirubinMgDl <= cut) return [];
    if (ctx.input.clinical.reversibleBilirubinCause) {
      return outcomesFor(
        rule,
        `Bilirubin ${fmt(ctx.labs.bilirubinMgDl, 2)} mg/dL > ${cut} with a reversible cause: ` +
          'correct it before SIRT.',
        { status: 'caution' },
      );
    }
    return outcomesFor(rule, `Bilirubin ${fmt(ctx.labs.bilirubinMgDl, 2)} mg/dL > ${cut} without a reversible cause.`);
  },
  'sirt.replacement': (rule, ctx) => {
    const cut = threshold(rule, 'burdenPercent', ctx.settings);
    if (ctx.burdenPercent <= cut) return [];
    const text = `Liver replacement ${fmt(ctx.burdenPercent)}% > ${cut}%`;
    return ctx.input.clinical.syntheticFunctionMaintained
      ? outcomesFor(rule, `${text}; synthetic function maintained, so not excluded.`, {
          status: 'caution',
        })
      : outcomesFor(rule, `${text} without maintained synthetic function.`);
  },
  'sirt.gi-shunt': (rule, ctx) =>
    ctx.input.clinical.uncorrectableGiShunt ? outcomesFor(rule, 'Uncorrectable gastrointestinal shunt.') : [],
  'sirt.prior-liver-radiation': (rule, ctx) =>
    ctx.input.clinical.priorTherapies.includes('liver-radiation') ? outcomesFor(rule, 'Prior liver radiation.') : [],
  'sirt.granulocytes': (rule, ctx) => {
    const g = ctx.input.labs.granulocytes10e9L;
    if (g === undefined) return { missing: ['labs.granulocytes10e9L'] };
    const cut = threshold(rule, 'granulocytes10e9L', ctx.settings);
    return g < cut ? outcomesFor(rule, `Granulocytes ${g} x 10^9/L < ${cut}.`) : [];
  },
  'sirt.varices': (rule, ctx) =>
    ctx.input.clinical.highRiskVarices === 'untreated' ? outcomesFor(rule, 'Untreated high-risk varices.') : [],
  'sirt.coagulopathy': (rule, ctx) =>
    ctx.input.clinical.coagulopathy === 'uncorrectable' ? outcomesFor(rule, 'Uncorrectable coagulopathy.') : [],
  'sirt.net-dose-thresholds': (rule, ctx) =>
    ctx.input.clinical.primaryTumour === 'NET'
      ? outcomesFor(rule, 'No NET-specific Y-90 dose thresholds are validated; targets shown are HCC-derived.')
      : [],
};
