import { PlanValidationError } from '../errors';

/**
 * Glass vials are calibrated ahead and used up to about two weeks later; a larger gap is almost
 * surely a typing error (wrong day or month), so it is refused.
 */
const MAX_HOURS = 14 * 24;

export interface DecayResult {
  /** Activity to order/draw at calibration time so that `activityGBq` remains at treatment. */
  activityAtCalibrationGBq: number;
  activityAtTreatmentGBq: number;
  hoursFromCalibration: number;
  /** A(treatment) / A(calibration). */
  decayFactor: number;
}

/**
 * Y-90 decay between calibration and treatment: A_cal = A_tx x 2^(dt / T1/2). dt may be negative
 * (calibration after treatment, as some products are calibrated for a future reference time).
 */
export function decayToTreatment(
  activityAtTreatmentGBq: number,
  calibrationTime: string,
  treatmentTime: string,
  halfLifeHours: number,
): DecayResult {
  const t0 = Date.parse(calibrationTime);
  const t1 = Date.parse(treatmentTime);
  if (!Number.isFinite(t0)) throw new PlanValidationError('y90.calibrationTime', 'not a valid time');
  if (!Number.isFinite(t1)) throw new PlanValidationError('y90.treatmentTime', 'not a valid time');
  if (!(activityAtTreatmentGBq >= 0)) throw new PlanValidationError('activityGBq', 'must not be negative');
  const hours = (t1 - t0) / 3_600_000;
  if (Math.abs(hours) > MAX_HOURS) {
    throw new PlanValidationError('y90.treatmentTime', `${hours.toFixed(1)} h from calibration is implausible`);
  }
  const decayFactor = 2 ** (-hours / halfLifeHours);
  return {
    activityAtCalibrationGBq: activityAtTreatmentGBq / decayFactor,
    activityAtTreatmentGBq,
    hoursFromCalibration: hours,
    decayFactor,
  };
}
