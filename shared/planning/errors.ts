/** An input, setting or rule set outside its valid range: the plan is refused, never guessed. */
export class PlanValidationError extends Error {
  override readonly name = 'PlanValidationError';
  constructor(
    /** Dotted path of the offending field, e.g. `labs.bilirubin.value` or `y90.lungShuntFraction`. */
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/** Throws a PlanValidationError unless `value` is a finite number in [min, max]. */
export function requireRange(field: string, value: number, min: number, max: number, unit = ''): void {
  if (!Number.isFinite(value) || value < min || value > max) {
    const u = unit ? ` ${unit}` : '';
    throw new PlanValidationError(field, `${value}${u} is outside the valid range ${min}-${max}${u}`);
  }
}
