import { outcomesFor, type Outcome } from '../outcome';
import { threshold } from '../settings';
import { fmt, type RuleImpl } from './context';

/** Thermal ablation, per lesion, clinical-rules.md section 5. */
export const ablationRules: Record<string, RuleImpl> = {
  'ablation.size-rfa': (rule, ctx) => {
    const cut = threshold(rule, 'diameterMm', ctx.settings);
    return ctx.input.measured.lesions.flatMap((l) =>
      l.diameterMm <= cut
        ? outcomesFor(rule, `${fmt(l.diameterMm, 0)} mm: within the ${cut} mm best suited to RFA.`, {
            lesionId: l.id,
            status: 'eligible',
          })
        : outcomesFor(
            rule,
            `${fmt(l.diameterMm, 0)} mm exceeds ${cut} mm: higher local tumour progression after RFA.`,
            { lesionId: l.id },
          ),
    );
  },
  'ablation.size-mwa': (rule, ctx) => {
    const cut = threshold(rule, 'diameterMm', ctx.settings);
    const ltp = threshold(rule, 'ltpDiameterMm', ctx.settings);
    return ctx.input.measured.lesions.flatMap((l) => {
      const d = fmt(l.diameterMm, 0);
      if (l.diameterMm > cut) {
        return outcomesFor(rule, `${d} mm exceeds the ~${cut} mm MWA range.`, { lesionId: l.id });
      }
      if (l.diameterMm > ltp) {
        return outcomesFor(rule, `${d} mm: within MWA range, but >${ltp} mm raises local progression.`, {
          lesionId: l.id,
          status: 'info',
        });
      }
      return outcomesFor(rule, `${d} mm: within the MWA range.`, { lesionId: l.id, status: 'eligible' });
    });
  },
  'ablation.lesion-count': (rule, ctx) => {
    const limit = threshold(rule, 'count', ctx.settings);
    const n = ctx.input.measured.lesions.length;
    return n > limit ? outcomesFor(rule, `${n} lesions exceed the centre's limit of ${limit} for ablation.`) : [];
  },
  'ablation.margin': (rule, ctx) => {
    const target = threshold(rule, 'marginMm', ctx.settings);
    const ideal = threshold(rule, 'idealMarginMm', ctx.settings);
    const out: Outcome[] = [];
    for (const l of ctx.input.measured.lesions) {
      const m = l.minimalAblativeMarginMm;
      if (m === undefined) continue;
      const opts = { lesionId: l.id };
      if (m < 0) {
        out.push(...outcomesFor(rule, `Minimal margin ${fmt(m)} mm: residual unablated tumour.`, opts));
      } else if (m < target) {
        out.push(...outcomesFor(rule, `Minimal margin ${fmt(m)} mm is below the ${target} mm target.`, opts));
      } else {
        const text = m > ideal ? `above the ideal ${ideal} mm` : `meets the ${target} mm target`;
        out.push(...outcomesFor(rule, `Minimal margin ${fmt(m)} mm ${text}.`, { ...opts, status: 'eligible' }));
      }
    }
    return out;
  },
  'ablation.heat-sink': (rule, ctx) => {
    const dia = threshold(rule, 'vesselDiameterMm', ctx.settings);
    const near = threshold(rule, 'proximityMm', ctx.settings);
    return ctx.input.measured.lesions.flatMap((l) => {
      const v = l.vessels.filter((x) => x.diameterMm >= dia && x.distanceMm <= near);
      if (!v.length) return [];
      const list = v.map((x) => `${x.name ?? 'vessel'} ${fmt(x.diameterMm)} mm at ${fmt(x.distanceMm)} mm`);
      const text = `Heat sink: ${list.join(', ')}`;
      return [
        ...outcomesFor(rule, `${text}: predicts local progression after RFA.`, {
          lesionId: l.id,
          modalities: ['RFA'],
        }),
        ...outcomesFor(rule, `${text}: less relevant for MWA.`, {
          lesionId: l.id,
          modalities: ['MWA'],
          status: 'info',
        }),
      ];
    });
  },
  'ablation.critical-structure': (rule, ctx) => {
    const near = threshold(rule, 'proximityMm', ctx.settings);
    return ctx.input.measured.lesions.flatMap((l) => {
      const s = l.criticalStructures.filter((x) => x.distanceMm <= near);
      if (!s.length) return [];
      const list = s.map((x) => `${x.structure} at ${fmt(x.distanceMm)} mm`).join(', ');
      return outcomesFor(rule, `${list} (within ${near} mm): consider hydro/gas dissection or another modality.`, {
        lesionId: l.id,
      });
    });
  },
};
