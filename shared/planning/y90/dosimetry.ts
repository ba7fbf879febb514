import type { PlanInput, Y90Input } from '../inputSchema';
import { outcomesFor, type Outcome } from '../outcome';
import { fmt } from '../rules/context';
import { getRule, type RuleSet } from '../ruleSet';
import { threshold, type ResolvedSettings } from '../settings';
import { massKg } from '../units';
import { decayToTreatment, type DecayResult } from './decay';
import { checkDoseTargets, type Y90Doses } from './doseTargets';
import { lungDoseGy } from './lungDose';
import { mirdActivityGBq, mirdDoseGy } from './mird';
import { partitionActivity, partitionDoses, type PartitionMasses } from './partition';
import { resinBsaActivity } from './resinBsa';

export type Y90Method = 'bsa' | 'mird' | 'partition';

export interface Y90MethodResult extends Y90Doses {
  method: Y90Method;
  /** Activity to be present at treatment time (GBq). */
  activityGBq: number;
  lungDoseGy: number;
  cumulativeLungDoseGy: number;
  decay?: DecayResult;
  /** Method-specific figures (e.g. BSA, LSF reduction). */
  details: Record<string, number | boolean>;
  warnings: Outcome[];
}

export interface Y90Result {
  product: Y90Input['product'];
  intent: Y90Input['intent'];
  k: number;
  lungShuntFraction: number;
  lungMassKg: number;
  halfLifeHours: number;
  masses: { targetKg: number; tumourKg: number; normalKg: number; wholeNormalLiverKg: number };
  methods: Y90MethodResult[];
  notComputed: { method: Y90Method; reason: string }[];
  /** Product-level outcomes (e.g. resin LSF do-not-treat) not tied to one method. */
  warnings: Outcome[];
}

/**
 * Y-90 activity by every method the inputs allow (resin BSA, MIRD single compartment,
 * partition), each with the doses it gives, lung dose, EANM target checks and decay.
 */
export function computeY90(
  input: PlanInput,
  y90: Y90Input,
  bsaM2: number,
  bilirubinMgDl: number,
  ruleSet: RuleSet,
  settings: ResolvedSettings,
): Y90Result {
  const k = settings.doseFactorK;
  const lsf = y90.lungShuntFraction;
  const lungMassKg = y90.lungMassKg ?? ruleSet.constants.lungMassDefault.value;
  const halfLifeHours = ruleSet.constants.y90HalfLifeHours.value;
  const masses = {
    targetKg: massKg(y90.targetVolumeMl, ruleSet),
    tumourKg: massKg(y90.tumourInTargetMl, ruleSet),
    normalKg: massKg(y90.normalInTargetMl, ruleSet),
    wholeNormalLiverKg: massKg(input.measured.liverMl - input.measured.tumourMl, ruleSet),
  };
  const partition: PartitionMasses | undefined =
    y90.tumourToNormalRatio === undefined
      ? undefined
      : { tumourKg: masses.tumourKg, normalKg: masses.normalKg, tumourToNormal: y90.tumourToNormalRatio };

  const warnings: Outcome[] = [];
  const methods: Y90MethodResult[] = [];
  const notComputed: Y90Result['notComputed'] = [];

  const finish = (method: Y90Method, activityGBq: number, details: Y90MethodResult['details']) => {
    const doses: Y90Doses = { perfusedDoseGy: mirdDoseGy(activityGBq, masses.targetKg, lsf, k) };
    if (partition) {
      const p = partitionDoses(activityGBq, partition, lsf, k);
      doses.tumourDoseGy = p.tumourDoseGy;
      doses.normalDoseGy = p.normalDoseGy;
      // Energy absorbed by perfused normal liver spread over all non-tumoural liver.
      if (masses.wholeNormalLiverKg > 0) {
        doses.wholeNormalLiverDoseGy = (p.normalDoseGy * masses.normalKg) / masses.wholeNormalLiverKg;
      }
    }
    const dL = lungDoseGy(activityGBq, lsf, lungMassKg, k);
    const cumulative = dL + y90.priorLungDoseGy;
    const w = [
      ...lungOutcomes(dL, cumulative, method, ruleSet, settings),
      ...checkDoseTargets(doses, y90, bilirubinMgDl, method, ruleSet, settings),
    ];
    if (method === 'bsa') {
      w.push(
        ...outcomesFor(
          getRule(ruleSet, 'y90.bsa-not-dosimetric'),
          'BSA activity is empirical: it does not aim at any tumour or normal-liver dose.',
          { method, status: 'info' },
        ),
      );
    }
    methods.push({
      method,
      activityGBq,
      ...doses,
      lungDoseGy: dL,
      cumulativeLungDoseGy: cumulative,
      ...(y90.calibrationTime && y90.treatmentTime
        ? { decay: decayToTreatment(activityGBq, y90.calibrationTime, y90.treatmentTime, halfLifeHours) }
        : {}),
      details,
      warnings: w,
    });
  };

  if (y90.product === 'resin') {
    const lsfRule = getRule(ruleSet, 'y90.resin-lsf');
    const lsfCut = threshold(lsfRule, 'lsf', settings);
    if (lsf > lsfCut) {
      warnings.push(
        ...outcomesFor(
          lsfRule,
          `Lung shunt ${fmt(lsf * 100)}% > ${fmt(lsfCut * 100)}%: do not treat with resin spheres.`,
        ),
      );
    }
    const bsa = resinBsaActivity(
      {
        bsaM2,
        tumourMl: input.measured.tumourMl,
        liverMl: input.measured.liverMl,
        ...(y90.intent === 'whole-liver' ? {} : { targetMl: y90.targetVolumeMl }),
        lsf,
      },
      ruleSet,
    );
    if (bsa.doNotTreat) notComputed.push({ method: 'bsa', reason: 'lung shunt above the resin limit' });
    else {
      finish('bsa', bsa.activityGBq, {
        bsaM2,
        wholeLiverGBq: bsa.wholeLiverGBq,
        targetGBq: bsa.targetGBq,
        lsfReduction: bsa.lsfReduction,
      });
    }
  } else {
    notComputed.push({ method: 'bsa', reason: 'the BSA method applies to resin spheres only' });
  }

  if (y90.perfusedDoseGy === undefined) {
    notComputed.push({ method: 'mird', reason: 'no prescribed perfused dose (y90.perfusedDoseGy)' });
  } else {
    const a = mirdActivityGBq(y90.perfusedDoseGy, masses.targetKg, lsf, k);
    finish('mird', a, { prescribedDoseGy: y90.perfusedDoseGy, targetMassKg: masses.targetKg });
  }

  if (!partition || y90.normalLiverDoseGy === undefined) {
    notComputed.push({
      method: 'partition',
      reason: 'needs y90.tumourToNormalRatio and y90.normalLiverDoseGy',
    });
  } else {
    const p = partitionActivity(y90.normalLiverDoseGy, partition, lsf, k);
    finish('partition', p.activityGBq, {
      prescribedNormalDoseGy: y90.normalLiverDoseGy,
      tumourToNormalRatio: partition.tumourToNormal,
    });
  }

  return {
    product: y90.product,
    intent: y90.intent,
    k,
    lungShuntFraction: lsf,
    lungMassKg,
    halfLifeHours,
    masses,
    methods,
    notComputed,
    warnings,
  };
}

function lungOutcomes(
  dL: number,
  cumulative: number,
  method: string,
  ruleSet: RuleSet,
  settings: ResolvedSettings,
): Outcome[] {
  const session = getRule(ruleSet, 'y90.lung-session');
  const cum = getRule(ruleSet, 'y90.lung-cumulative');
  const sLimit = threshold(session, 'lungDoseGy', settings);
  const cLimit = threshold(cum, 'lungDoseGy', settings);
  return [
    ...(dL > sLimit
      ? outcomesFor(session, `Lung dose ${fmt(dL)} Gy exceeds the ${sLimit} Gy per-session limit.`, { method })
      : []),
    ...(cumulative > cLimit
      ? outcomesFor(cum, `Cumulative lung dose ${fmt(cumulative)} Gy exceeds ${cLimit} Gy.`, { method })
      : []),
  ];
}
