import { getAtPath } from '../../../shared/planning/draft';
import { usePlanStore } from './planStore';

/** Number input bound to a draft path; empty clears the value (so validation can name it). */
export function NumberField(props: {
  path: string;
  label: string;
  unit?: string;
  step?: number;
  min?: number;
  max?: number;
  title?: string;
}) {
  const value = usePlanStore((s) => getAtPath(s.draft, props.path)) as number | undefined;
  const setField = usePlanStore((s) => s.setField);
  return (
    <label className="field" title={props.title}>
      <span>{props.label}</span>
      <input
        type="number"
        aria-label={props.label}
        step={props.step ?? 'any'}
        min={props.min}
        max={props.max}
        value={value ?? ''}
        onChange={(e) => setField(props.path, e.target.value === '' ? undefined : Number(e.target.value))}
      />
      {props.unit && <em>{props.unit}</em>}
    </label>
  );
}

/** A lab value with its unit chosen beside it (bilirubin in mg/dL or umol/L, ...). */
export function LabField(props: { path: string; label: string; units: string[] }) {
  const value = usePlanStore((s) => getAtPath(s.draft, `${props.path}.value`)) as number | undefined;
  const unit = usePlanStore((s) => getAtPath(s.draft, `${props.path}.unit`)) as string | undefined;
  const setField = usePlanStore((s) => s.setField);
  return (
    <label className="field">
      <span>{props.label}</span>
      <input
        type="number"
        step="any"
        aria-label={props.label}
        value={value ?? ''}
        onChange={(e) => setField(`${props.path}.value`, e.target.value === '' ? undefined : Number(e.target.value))}
      />
      <select
        aria-label={`${props.label} unit`}
        value={unit ?? props.units[0]}
        onChange={(e) => setField(`${props.path}.unit`, e.target.value)}
      >
        {props.units.map((u) => (
          <option key={u}>{u}</option>
        ))}
      </select>
    </label>
  );
}

export function SelectField(props: { path: string; label: string; options: readonly string[]; optional?: boolean }) {
  const value = usePlanStore((s) => getAtPath(s.draft, props.path)) as string | undefined;
  const setField = usePlanStore((s) => s.setField);
  return (
    <label className="field">
      <span>{props.label}</span>
      <select
        aria-label={props.label}
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
