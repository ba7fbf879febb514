import { PlanValidationError, requireRange } from '../errors';

export interface PartitionMasses {
  /** Tumour mass inside the target (kg). */
  tumourKg: number;
  /** Non-tumoural liver mass inside the target (kg). */
  normalKg: number;
  /** T/N = (C_T / M_T) / (C_N / M_N) from 99mTc-MAA. */
  tumourToNormal: number;
}

export interface PartitionResult {
  activityGBq: number;
  tumourDoseGy: number;
  normalDoseGy: number;
}

function check(m: PartitionMasses, lsf: number, k: number): void {
  requireRange('y90.tumourInTargetMl', m.tumourKg, 0, 15, 'kg');
  requireRange('y90.normalInTargetMl', m.normalKg, 0, 15, 'kg');
  requireRange('y90.tumourToNormalRatio', m.tumourToNormal, 0.1, 100);
  requireRange('y90.lungShuntFraction', lsf, 0, 1);
  requireRange('settings.doseFactorK', k, 40, 60, 'Gy.kg/GBq');
  if (lsf >= 1) throw new PlanValidationError('y90.lungShuntFraction', 'LSF of 1 leaves no liver dose');
  if (m.tumourKg + m.normalKg <= 0) throw new PlanValidationError('y90.normalInTargetMl', 'no tissue');
}

/**
 * Partition model (Ho 1996): A = D_N x (T/N x M_T + M_N) / [k x (1 - LSF)], D_T = T/N x D_N.
 */
export function partitionActivity(normalDoseGy: number, m: PartitionMasses, lsf: number, k: number): PartitionResult {
  requireRange('y90.normalLiverDoseGy', normalDoseGy, 0, 500, 'Gy');
  check(m, lsf, k);
  const activityGBq = (normalDoseGy * (m.tumourToNormal * m.tumourKg + m.normalKg)) / (k * (1 - lsf));
  return { activityGBq, normalDoseGy, tumourDoseGy: m.tumourToNormal * normalDoseGy };
}

/** Tumour and normal-liver doses an activity gives under the partition model. */
export function partitionDoses(activityGBq: number, m: PartitionMasses, lsf: number, k: number): PartitionResult {
  requireRange('activityGBq', activityGBq, 0, 100, 'GBq');
  check(m, lsf, k);
  const normalDoseGy = (activityGBq * k * (1 - lsf)) / (m.tumourToNormal * m.tumourKg + m.normalKg);
  return { activityGBq, normalDoseGy, tumourDoseGy: m.tumourToNormal * normalDoseGy };
}
