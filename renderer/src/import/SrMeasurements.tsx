import { useEffect, useState } from 'react';
import type { DerivedSummary } from '../../../shared/ipc/channels/dicom';
import type { SrMeasurementList, SrMeasurementRow } from '../../../shared/sr/readSrMeasurements';
import { readSrMeasurements } from './derivedActions';

/** UCUM codes people read differently. */
const UNIT_TEXT: Record<string, string> = { "[hnsf'U]": 'HU', '1': '', 'no units': '' };

const unitOf = (r: SrMeasurementRow) => (r.unit ? (UNIT_TEXT[r.unit.value] ?? r.unit.value) : '');

function valueOf(r: SrMeasurementRow): string {
  if (r.value === null) return r.qualifier?.meaning ?? 'no value';
  return Math.abs(r.value) >= 1000 ? r.value.toFixed(1) : String(Number(r.value.toPrecision(4)));
}

/** The measurements of a TID 1500 SR, one row each, grouped by their tracking identifier. */
export function SrMeasurements({ d }: { d: DerivedSummary }) {
  const [state, setState] = useState<{ list?: SrMeasurementList; error?: string }>({});
  useEffect(() => {
    let live = true;
    readSrMeasurements(d).then(
      (list) => live && setState({ list }),
      (e: unknown) => live && setState({ error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [d]);
  if (state.error)
    return (
      <div className="sr-measurements error" data-testid="sr-measurements-error">
        {state.error}
      </div>
    );
  if (!state.list) return <div className="sr-measurements muted">Reading the report…</div>;
  const { list } = state;
  if (!list.rows.length) return <div className="sr-measurements muted">{list.title}: no numeric measurements.</div>;
  return (
    <table className="sr-measurements" data-testid="sr-measurements">
      <caption>
        {list.title}: {list.rows.length} measurement(s) in {list.groups} group(s)
      </caption>
      <thead>
        <tr>
          <th>Tracking id</th>
          <th>Finding</th>
          <th>Finding site</th>
          <th>Measurement</th>
          <th>Value</th>
          <th>Unit</th>
        </tr>
      </thead>
      <tbody>
        {list.rows.map((r, n) => {
          const first = n === 0 || list.rows[n - 1]!.group !== r.group;
          return (
            <tr key={n} data-testid="sr-measurement-row" className={first ? 'group-start' : undefined}>
              <td title={r.trackingUid ? `Tracking UID ${r.trackingUid}` : 'No tracking UID'}>
                {first ? r.trackingId || `(group ${r.group})` : ''}
                {first && r.trackingUid && <div className="uid">{r.trackingUid}</div>}
              </td>
              <td>{first ? (r.finding?.meaning ?? '') : ''}</td>
              <td>{r.findingSite?.meaning ?? ''}</td>
              <td>
                {r.name.meaning}
                {r.derivation ? ` (${r.derivation.meaning})` : ''}
              </td>
              <td className="num">{valueOf(r)}</td>
              <td>{unitOf(r)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
