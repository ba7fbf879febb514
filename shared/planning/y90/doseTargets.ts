import { outcomesFor, type Outcome } from '../outcome';
import { getRule, type RuleSet } from '../ruleSet';
import { threshold, type ResolvedSettings } from '../settings';
import { fmt } from '../rules/context';
import type { Y90Input } from '../inputSchema';

/** The absorbed doses one activity gives (Gy); tumour/normal only when T/N is known. */
export interface Y90Doses {
  perfusedDoseGy: number;
  tumourDoseGy?: number;
  normalDoseGy?: number;
  wholeNormalLiverDoseGy?: number;
}

/** EANM 2022 dose targets for the chosen product and intent, checked for one method's doses. */
export function checkDoseTargets(
  doses: Y90Doses,
  y90: Y90Input,
  bilirubinMgDl: number,
  method: string,
  ruleSet: RuleSet,
  settings: ResolvedSettings,
): Outcome[] {
  const out: Outcome[] = [];
  const push = (id: string, fn: (t: (n: string) => number) => { text: string; ok: boolean } | null) => {
    const rule = getRule(ruleSet, id);
    const r = fn((n) => threshold(rule, n, settings));
    if (r) out.push(...outcomesFor(rule, r.text, { method, ...(r.ok ? { status: 'info' } : {}) }));
  };
  const { tumourDoseGy: dT, normalDoseGy: dN, perfusedDoseGy: dP } = doses;
  const seg = y90.intent === 'segmentectomy';
  if (y90.product === 'glass') {
    push('y90.glass-segmentectomy', (t) =>
      seg
        ? {
            ok: dP > t('perfusedDoseGy'),
            text: `Perfused dose ${fmt(dP)} Gy (segmentectomy target >${t('perfusedDoseGy')} Gy).`,
          }
        : null,
    );
    push('y90.glass-tumour', (t) =>
      dT === undefined
        ? null
        : {
            ok: dT >= t('tumourDoseGy'),
            text:
              `Tumour dose ${fmt(dT)} Gy (target >=${t('tumourDoseGy')} Gy, ideally ` +
              `${t('idealMinGy')}-${t('idealMaxGy')} Gy).`,
          },
    );
    push('y90.glass-normal-perfused', (t) => {
      const reserve = y90.hepaticReservePercent;
      if (dN === undefined || reserve === undefined || reserve >= t('reservePercent')) return null;
      return {
        ok: dN < t('normalDoseGy'),
        text: `Normal perfused liver ${fmt(dN)} Gy with reserve ${fmt(reserve)}% (limit <${t('normalDoseGy')} Gy).`,
      };
    });
    push('y90.glass-whole-normal', (t) => {
      const w = doses.wholeNormalLiverDoseGy;
      if (w === undefined) return null;
      const raised = bilirubinMgDl > t('bilirubinMgDl');
      const limit = raised ? t('raisedBilirubinDoseGy') : t('wholeNormalDoseGy');
      const why = raised ? ` (bilirubin >${t('bilirubinMgDl')} mg/dL)` : '';
      return { ok: w < limit, text: `Whole normal liver ${fmt(w)} Gy (limit <${limit} Gy${why}).` };
    });
  } else {
    push('y90.resin-segmentectomy', (t) =>
      seg
        ? {
            ok: dP > t('perfusedDoseGy'),
            text: `Perfused dose ${fmt(dP)} Gy (segmentectomy target >${t('perfusedDoseGy')} Gy).`,
          }
        : null,
    );
    push('y90.resin-tumour', (t) =>
      dT === undefined
        ? null
        : {
            ok: dT >= t('tumourDoseGy'),
            text: `Tumour dose ${fmt(dT)} Gy (target >=${t('tumourDoseGy')}-${t('idealMinGy')} Gy).`,
          },
    );
    push('y90.resin-normal', (t) => {
      if (dN === undefined || seg) return null;
      const bilobar = y90.bilobar || y90.intent === 'whole-liver';
      const limit = !bilobar
        ? t('unilobarGy')
        : y90.pretreatedOrCompromised
          ? t('bilobarCompromisedGy')
          : t('bilobarGy');
      const kind = bilobar ? `bilobar${y90.pretreatedOrCompromised ? ', pretreated/compromised' : ''}` : 'unilobar';
      return { ok: dN < limit, text: `Normal liver ${fmt(dN)} Gy (${kind} limit <${limit} Gy).` };
    });
  }
  return out;
}
