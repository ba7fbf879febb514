import { getAtPath } from '../../../shared/planning/draft';
import { originRows } from '../../../shared/case/planOrigins';
import { fieldLabel, LESION_FIELD_LABELS } from '../../../shared/planning/fieldLabels';
import { usePlanStore } from './planStore';

/** A lesion field is named after its lesion, as the form and the report name it. */
function labelOf(draft: Record<string, unknown>, path: string): string {
  const m = /^measured\.lesions\.(\d+)\.(\w+)$/.exec(path);
  const known = m && LESION_FIELD_LABELS[m[2]!];
  if (!m || !known) return fieldLabel(path).label;
  return `Lesion ${String(getAtPath(draft, `measured.lesions.${m[1]}.id`))} ${known.label}`;
}

/** Which plan inputs came from measurements, from where, and which the user has overridden (with a way back). */
export function MeasuredOrigins() {
  const draft = usePlanStore((s) => s.draft);
  const setField = usePlanStore((s) => s.setField);
  const rows = originRows(draft);
  if (!rows.length) return null;
  return (
    <details className="measured-origins" data-testid="measured-origins" open>
      <summary>Measured inputs ({rows.filter((r) => r.overridden).length} overridden)</summary>
      <table>
        <tbody>
          {rows.map((r) => (
            <tr key={r.path} data-testid={`origin-${r.path}`} data-overridden={r.overridden ? '1' : '0'}>
              <td>{labelOf(draft, r.path)}</td>
              <td>{r.value ?? '-'}</td>
              <td>
                {r.overridden ? (
                  <>
                    <b>overridden</b> (measured {r.measured}, {r.source}){' '}
                    <button onClick={() => setField(r.path, r.measured)}>Use measured</button>
                  </>
                ) : (
                  r.source
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
