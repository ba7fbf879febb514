import { outcomesFor } from '../outcome';
import { threshold } from '../settings';
import { fmt, type RuleImpl } from './context';

/** Embolization rules (EASL 2018 and NET series), clinical-rules.md sections 1 and 3. */
export const transarterialRules: Record<string, RuleImpl> = {
  'burden.embolization-caution': (rule, ctx) => {
    const cut = threshold(rule, 'burdenPercent', ctx.settings);
    if (ctx.burdenPercent < cut) return [];
    return outcomesFor(
      rule,
      `Tumour burden ${fmt(ctx.burdenPercent)}% of the liver (including tumours) is at or above ` +
        `${cut}%: shorter survival after embolization.`,
    );
  },
  'burden.hae-worse-outcome': (rule, ctx) => {
    const cut = threshold(rule, 'burdenPercent', ctx.settings);
    if (ctx.burdenPercent <= cut) return [];
    return outcomesFor(rule, `Tumour burden ${fmt(ctx.burdenPercent)}% exceeds ${cut}%: worse outcome after HAE/HACE.`);
  },
  'tace.mortality-quartet': (rule, ctx) => {
    const { ldhUL, astUL } = ctx.input.labs;
    const t = (n: string) => threshold(rule, n, ctx.settings);
    const present: string[] = [];
    if (ctx.burdenPercent > t('burdenPercent')) present.push(`burden >${t('burdenPercent')}%`);
    if (ctx.labs.bilirubinMgDl > t('bilirubinMgDl')) present.push(`bilirubin >${t('bilirubinMgDl')} mg/dL`);
    if (ldhUL !== undefined && ldhUL > t('ldhUL')) present.push(`LDH >${t('ldhUL')} U/L`);
    if (astUL !== undefined && astUL > t('astUL')) present.push(`AST >${t('astUL')} U/L`);
    const missing = [...(ldhUL === undefined ? ['labs.ldhUL'] : []), ...(astUL === undefined ? ['labs.astUL'] : [])];
    if (present.length >= t('minFactors')) {
      return outcomesFor(
        rule,
        `${present.length} of 4 TACE mortality risk factors present together (${present.join(', ')}).`,
      );
    }
    return missing.length ? { missing } : [];
  },
  'tace.decompensated-cirrhosis': (rule, ctx) => {
    const cut = threshold(rule, 'childPughScore', ctx.settings);
    if (ctx.childPugh.score < cut) return [];
    return outcomesFor(rule, `Child-Pugh ${ctx.childPugh.label} (score >= ${cut}): decompensated liver disease.`);
  },
  'tace.portal-flow': (rule, ctx) => {
    const pv = ctx.input.clinical.portalVein;
    if (pv !== 'non-tumoural-thrombosis' && pv !== 'hepatofugal-flow') return [];
    return outcomesFor(
      rule,
      pv === 'hepatofugal-flow'
        ? 'Hepatofugal portal flow: the liver depends on arterial supply that embolization removes.'
        : 'Non-tumoural portal vein thrombosis: impaired portal flow.',
    );
  },
  'tace.both-lobes-entire': (rule, ctx) =>
    ctx.input.measured.bothLobesEntirelyInvolved ? outcomesFor(rule, 'Tumour involves both entire lobes.') : [],
  'tace.renal': (rule, ctx) => {
    const crea = threshold(rule, 'creatinineMgDl', ctx.settings);
    const crcl = threshold(rule, 'crClMlMin', ctx.settings);
    const reasons: string[] = [];
    if (ctx.labs.creatinineMgDl >= crea) {
      reasons.push(`creatinine ${fmt(ctx.labs.creatinineMgDl, 2)} mg/dL >= ${crea}`);
    }
    const cl = ctx.input.labs.crClMlMin;
    if (cl !== undefined && cl < crcl) reasons.push(`creatinine clearance ${fmt(cl)} mL/min < ${crcl}`);
    return reasons.length ? outcomesFor(rule, `Renal impairment: ${reasons.join('; ')}.`) : [];
  },
  'tace.varices': (rule, ctx) =>
    ctx.input.clinical.highRiskVarices === 'untreated' ? outcomesFor(rule, 'Untreated high-risk varices.') : [],
  'tace.large-tumour': (rule, ctx) => {
    const cut = threshold(rule, 'diameterMm', ctx.settings);
    const big = ctx.input.measured.lesions.filter((l) => l.diameterMm > cut);
    if (!big.length) return [];
    const list = big.map((l) => `${l.id} ${fmt(l.diameterMm, 0)} mm`).join(', ');
    return outcomesFor(rule, `Tumour larger than ${cut / 10} cm: ${list}.`);
  },
  'tace.comorbidity': (rule, ctx) =>
    ctx.input.clinical.severeComorbidity ? outcomesFor(rule, 'Severe comorbidity.') : [],
  'tace.incompetent-papilla': (rule, ctx) => {
    const h = biliaryHistory(ctx.input.clinical);
    return h.length ? outcomesFor(rule, `Incompetent papilla (${h.join(', ')}).`) : [];
  },
  'tace.biliary-dilatation': (rule, ctx) =>
    ctx.input.clinical.biliaryDilatation ? outcomesFor(rule, 'Biliary dilatation.') : [],
  'tace.performance-status': (rule, ctx) => {
    const cut = threshold(rule, 'ecog', ctx.settings);
    const ecog = ctx.input.patient.ecog;
    return ecog > cut ? outcomesFor(rule, `ECOG ${ecog} (> ${cut}).`) : [];
  },
  'tace.coagulopathy': (rule, ctx) =>
    ctx.input.clinical.coagulopathy === 'uncorrectable' ? outcomesFor(rule, 'Uncorrectable coagulopathy.') : [],
  'tace.doxorubicin-marrow-heart': (rule, ctx) => {
    const { wbcPerMm3, neutrophilsPerMm3, lvefPercent } = ctx.input.labs;
    const t = (n: string) => threshold(rule, n, ctx.settings);
    const reasons: string[] = [];
    if (wbcPerMm3 !== undefined && wbcPerMm3 < t('wbcPerMm3')) reasons.push(`WBC ${wbcPerMm3}/mm3`);
    if (neutrophilsPerMm3 !== undefined && neutrophilsPerMm3 < t('neutrophilsPerMm3')) {
      reasons.push(`neutrophils ${neutrophilsPerMm3}/mm3`);
    }
    if (lvefPercent !== undefined && lvefPercent < t('lvefPercent')) reasons.push(`LVEF ${lvefPercent}%`);
    if (reasons.length) return outcomesFor(rule, `Doxorubicin risk: ${reasons.join(', ')}.`);
    const missing = [
      ...(wbcPerMm3 === undefined ? ['labs.wbcPerMm3'] : []),
      ...(neutrophilsPerMm3 === undefined ? ['labs.neutrophilsPerMm3'] : []),
      ...(lvefPercent === undefined ? ['labs.lvefPercent'] : []),
    ];
    return missing.length ? { missing } : [];
  },
};

/** The entered parts of a biliary history that defeat the sphincter of Oddi. */
export function biliaryHistory(c: {
  bilioEntericAnastomosis: boolean;
  sphincterotomy: boolean;
  biliaryStent: boolean;
}): string[] {
  return [
    ...(c.bilioEntericAnastomosis ? ['bilio-enteric anastomosis'] : []),
    ...(c.sphincterotomy ? ['sphincterotomy'] : []),
    ...(c.biliaryStent ? ['biliary stent'] : []),
  ];
}
