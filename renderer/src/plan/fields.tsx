import { getAtPath } from '../../../shared/planning/draft';
import { fieldLabel } from '../../../shared/planning/fieldLabels';
import { useFieldProblem, usePlanStore } from './planStore';

const problemId = (field: string) => `problem-${field.replace(/\./g, '-')}`;

/**
 * What is wrong with one field, right beside it: "required" when empty, the whole sentence when
 * out of range (the outcomes panel lists the same sentences together). `sentence` always gives
 * the sentence, for rows of unlabelled inputs where "required" would not say which one.
 */
export function FieldProblem({ field, sentence }: { field: string; sentence?: boolean }) {
  const problem = useFieldProblem(field);
  if (!problem) return null;
  return (
    <small id={problemId(field)} className={`field-problem ${problem.kind}`} data-testid="field-problem">
      {problem.kind === 'missing' && !sentence ? 'required' : problem.message}
    </small>
  );
}

/** aria attributes tying a control to its problem, so a screen reader reads it too. */
export function useProblemAria(field: string) {
  const problem = useFieldProblem(field);
  return problem ? { 'aria-invalid': true, 'aria-describedby': problemId(field) } : {};
}

/** Number input bound to a draft path; empty clears the value (so validation can name it). */
export function NumberField(props: {
  path: string;
  label?: string;
  unit?: string;
  step?: number;
  min?: number;
  max?: number;
  title?: string;
}) {
  const value = usePlanStore((s) => getAtPath(s.draft, props.path)) as number | undefined;
  const setField = usePlanStore((s) => s.setField);
  const aria = useProblemAria(props.path);
  const label = props.label ?? fieldLabel(props.path).label;
  const unit = props.unit ?? fieldLabel(props.path).unit;
  return (
    <label className="field" title={props.title}>
      <span>{label}</span>
      <input
        type="number"
        aria-label={label}
        {...aria}
        step={props.step ?? 'any'}
        min={props.min}
        max={props.max}
        value={value ?? ''}
        onChange={(e) => setField(props.path, e.target.value === '' ? undefined : Number(e.target.value))}
      />
      {unit && <em>{unit}</em>}
      <FieldProblem field={props.path} />
    </label>
  );
}

/** A lab value with its unit chosen beside it (bilirubin in mg/dL or umol/L, ...). */
export function LabField(props: { path: string; label?: string; units: string[] }) {
  const value = usePlanStore((s) => getAtPath(s.draft, `${props.path}.value`)) as number | undefined;
  const unit = usePlanStore((s) => getAtPath(s.draft, `${props.path}.unit`)) as string | undefined;
  const setField = usePlanStore((s) => s.setField);
  const aria = useProblemAria(props.path);
  const label = props.label ?? fieldLabel(props.path).label;
  return (
    <label className="field">
      <span>{label}</span>
      <input
        type="number"
        step="any"
        aria-label={label}
        {...aria}
        value={value ?? ''}
        onChange={(e) => setField(`${props.path}.value`, e.target.value === '' ? undefined : Number(e.target.value))}
      />
      <select
        aria-label={`${label} unit`}
        value={unit ?? props.units[0]}
        onChange={(e) => setField(`${props.path}.unit`, e.target.value)}
      >
        {props.units.map((u) => (
          <option key={u}>{u}</option>
        ))}
      </select>
      <FieldProblem field={props.path} />
    </label>
  );
}

export function SelectField(props: { path: string; label?: string; options: readonly string[]; optional?: boolean }) {
  const value = usePlanStore((s) => getAtPath(s.draft, props.path)) as string | undefined;
  const setField = usePlanStore((s) => s.setField);
  const aria = useProblemAria(props.path);
  const label = props.label ?? fieldLabel(props.path).label;
  return (
    <label className="field">
      <span>{label}</span>
      <select
        aria-label={label}
        {...aria}
        value={value ?? ''}
        onChange={(e) => setField(props.path, e.target.value || undefined)}
      >
        {props.optional && <option value="">—</option>}
        {props.options.map((o) => (
          <option key={o} value={o}>
            {o.replace(/-/g, ' ')}
          </option>
        ))}
      </select>
      <FieldProblem field={props.path} />
    </label>
  );
}

export function CheckField(props: { path: string; label: string }) {
  const value = usePlanStore((s) => getAtPath(s.draft, props.path)) as boolean | undefined;
  const setField = usePlanStore((s) => s.setField);
  return (
    <label className="check">
      <input type="checkbox" checked={Boolean(value)} onChange={(e) => setField(props.path, e.target.checked)} />
      {props.label}
    </label>
  );
}
