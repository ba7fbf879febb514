import type { core } from 'zod';
import { getAtPath } from './draft';
import { PlanValidationError } from './errors';
import { fieldLabel, LESION_FIELD_LABELS, type FieldLabel } from './fieldLabels';
import { parsePlanInput, planInputSchema } from './inputSchema';

/** One missing or invalid plan input, worded for a clinician (screen and PDF report alike). */
export interface InputProblem {
  /** Path of the form control it belongs to: `labs.bilirubin` (not `.value`), `measured.lesions.0.lobe`. */
  field: string;
  label: string;
  kind: 'missing' | 'invalid';
  /** A whole sentence naming the field by its label; never a path or schema wording. */
  message: string;
}

/**
 * Every problem in a raw plan input at once (the schema reports them all); the cross-field
 * checks (tumour within liver, target sums...) only run once each value is valid on its own,
 * so they come after the field problems are fixed.
 */
export function planInputProblems(raw: unknown): InputProblem[] {
  const r = planInputSchema.safeParse(raw);
  if (!r.success) {
    const seen = new Set<string>();
    const out: InputProblem[] = [];
    for (const issue of r.error.issues) {
      const p = problemFromIssue(issue, raw);
      if (seen.has(p.field)) continue;
      seen.add(p.field);
      out.push(p);
    }
    return out;
  }
  try {
    parsePlanInput(raw);
    return [];
  } catch (e) {
    if (e instanceof PlanValidationError) return [problemFromValidationError(e, raw)];
    throw e;
  }
}

/** A cross-field PlanValidationError as a clinician sentence (its reasons are written in plain words). */
export function problemFromValidationError(e: PlanValidationError, raw: unknown): InputProblem {
  const { field, label } = describePath(e.field.split('.'), raw);
  const reason = e.message.slice(e.field.length + 2);
  return { field, label, kind: 'invalid', message: `${label}: ${reason}.` };
}

function problemFromIssue(issue: core.$ZodIssue, raw: unknown): InputProblem {
  const path = issue.path.map(String);
  const { field, label, unit } = describePath(path, raw);
  const value = getAtPath(raw, path.join('.'));
  const problem = (kind: InputProblem['kind'], message: string) => ({ field, label, kind, message });
  const u = unit ? ` ${unit}` : '';
  if (value === undefined || (issue.code === 'too_small' && issue.origin === 'string')) {
    return problem('missing', `${label} is missing.`);
  }
  switch (issue.code) {
    case 'too_small':
      return problem('invalid', `${label} must be ${issue.inclusive ? 'at least' : 'more than'} ${issue.minimum}${u}.`);
    case 'too_big':
      return problem('invalid', `${label} must be ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}${u}.`);
    case 'invalid_type':
      return problem('invalid', `${label} must be ${issue.expected === 'int' ? 'a whole number' : 'a number'}.`);
    case 'invalid_value':
      return problem('invalid', `${label} must be ${orList(issue.values.map(String))}.`);
    case 'invalid_union':
      return problem('invalid', `${label}: choose a unit.`);
    case 'invalid_format':
      return problem('invalid', `${label} must be a date and time with its time zone.`);
    default:
      return problem('invalid', `${label} is not valid.`);
  }
}

/**
 * The form control and label a schema path belongs to: a lab's value and unit belong to the lab,
 * a lesion field is named after the lesion ("Lesion L1 lobe").
 */
function describePath(path: string[], raw: unknown): FieldLabel & { field: string } {
  if (path[0] === 'measured' && path[1] === 'lesions' && path[2] !== undefined) {
    const n = Number(path[2]);
    const id = getAtPath(raw, `measured.lesions.${n}.id`);
    const name = typeof id === 'string' && id ? id : String(n + 1);
    const key = path[3];
    const field = path.slice(0, 4).join('.');
    if (key === undefined) return { field, label: `Lesion ${name}` };
    const own = LESION_FIELD_LABELS[key] ?? fieldLabel(key);
    // A nearby vessel or structure: "Lesion L1 nearby vessels 2 distance".
    const sub = path[5] !== undefined ? (NEARBY_LABELS[path[5]] ?? fieldLabel(path[5])) : undefined;
    const item = path[4] !== undefined ? ` ${Number(path[4]) + 1}` : '';
    const label = `Lesion ${name} ${own.label}${sub ? `${item} ${sub.label}` : ''}`;
    return { field, label, unit: sub ? sub.unit : own.unit };
  }
  if (path[0] === 'labs' && (path[2] === 'value' || path[2] === 'unit')) {
    const field = path.slice(0, 2).join('.');
    const unit = getAtPath(raw, `${field}.unit`);
    return { field, label: fieldLabel(field).label, unit: typeof unit === 'string' ? unit : undefined };
  }
  const field = path.join('.') || 'input';
  return { field, ...fieldLabel(field) };
}

const NEARBY_LABELS: Record<string, FieldLabel> = {
  diameterMm: { label: 'diameter', unit: 'mm' },
  distanceMm: { label: 'distance', unit: 'mm' },
  structure: { label: 'structure' },
};

function orList(values: string[]): string {
  const words = values.map((v) => v.replace(/-/g, ' '));
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}` : (words[0] ?? '');
}
