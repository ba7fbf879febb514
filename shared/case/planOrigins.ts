import { getAtPath } from '../planning/draft';

/** Where a plan input value came from: a measurement of the case, and the value it gave. */
export interface FieldOrigin {
  /** In the user's words: "Segmentation", "Territory 'Right lobe'", "Ablation (predicted zone)". */
  source: string;
  measured: number;
}

/** Measured plan fields by path (`y90.targetVolumeMl`), kept in the plan draft under ORIGINS_KEY. */
export type PlanOrigins = Record<string, FieldOrigin>;

/** The draft key: the plan schema strips it, so the rules never see it, but it is saved with the case. */
export const ORIGINS_KEY = 'origins';

/** Values are filled rounded to 0.1; a difference beyond rounding is the user's own value. */
const SAME = 0.051;

export function planOrigins(draft: Record<string, unknown>): PlanOrigins {
  const o = draft[ORIGINS_KEY];
  return o && typeof o === 'object' ? (o as PlanOrigins) : {};
}

/** A measured field the user has since changed (or cleared): its value is the user's, not the measurement's. */
export function isOverridden(draft: Record<string, unknown>, path: string): boolean {
  const origin = planOrigins(draft)[path];
  if (!origin) return false;
  const v = getAtPath(draft, path);
  return typeof v !== 'number' || Math.abs(v - origin.measured) > SAME;
}

export interface OriginRow {
  path: string;
  value: number | undefined;
  source: string;
  overridden: boolean;
  measured: number;
}

/** Every measured field of a draft, with its value now and whether the user overrode it. */
export function originRows(draft: Record<string, unknown>): OriginRow[] {
  return Object.entries(planOrigins(draft)).map(([path, o]) => {
    const v = getAtPath(draft, path);
    return {
      path,
      value: typeof v === 'number' ? v : undefined,
      source: o.source,
      overridden: isOverridden(draft, path),
      measured: o.measured,
    };
  });
}
