import { outcomesFor } from '../outcome';
import { threshold } from '../settings';
import { fmt, type RuleImpl } from './context';
import { biliaryHistory } from './transarterial';

/** NET-specific warnings and checklist triggers, clinical-rules.md section 3. */
export const netRules: Record<string, RuleImpl> = {
  'net.deb-tace-biliary-injury': (rule, ctx) =>
    ctx.input.clinical.primaryTumour === 'NET'
      ? outcomesFor(
          rule,
          'Neuroendocrine metastases treated with drug-eluting beads carry a much higher risk of ' +
            'biliary injury and biloma: consider cTACE or bland TAE instead.',
        )
      : [],
  'net.abscess-biliary-history': (rule, ctx) => {
    const h = biliaryHistory(ctx.input.clinical);
    if (!h.length) return [];
    return outcomesFor(
      rule,
      `Biliary history (${h.join(', ')}): high risk of liver abscess after arterial treatment; ` +
        'antibiotic prophylaxis required.',
    );
  },
  'net.carcinoid-crisis': (rule, ctx) =>
    ctx.input.clinical.functionalSyndrome
      ? outcomesFor(
          rule,
          'Functional tumour: risk of carcinoid crisis during treatment; plan octreotide ' +
            'prophylaxis by local protocol (no standard dose).',
        )
      : [],
  'net.bilobar-staging': (rule, ctx) => {
    const perLobe = new Map<string, number>();
    for (const l of ctx.input.measured.lesions) {
      if (l.lobe === 'caudate') continue;
      // Lobe burden from lesion volumes when measured, else from diameters cubed (ranking only).
      const size = l.volumeMl ?? l.diameterMm ** 3;
      perLobe.set(l.lobe, (perLobe.get(l.lobe) ?? 0) + size);
    }
    if (perLobe.size < 2) return [];
    const first = (perLobe.get('left') ?? 0) > (perLobe.get('right') ?? 0) ? 'left' : 'right';
    const lo = threshold(rule, 'minWeeksApart', ctx.settings);
    const hi = threshold(rule, 'maxWeeksApart', ctx.settings);
    return outcomesFor(
      rule,
      `Bilobar disease: stage lobar treatments ${fmt(lo, 0)}-${fmt(hi, 0)} weeks apart, ` +
        `${first} lobe (higher burden) first.`,
    );
  },
  'net.transarterial-equivalence': (rule, ctx) =>
    ctx.input.clinical.primaryTumour === 'NET'
      ? outcomesFor(
          rule,
          'For NET liver metastases TAE, TACE and SIRT are all acceptable; none has been shown superior.',
        )
      : [],
};
