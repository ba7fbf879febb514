import { useFields } from '../store/useFields';
import { describeTrajectory } from '../../../shared/ablation/trajectory';
import { removeApplicator } from './ablationActions';
import { useAblationStore } from './ablationStore';

const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '-');

/** Each applicator: device setting, depth and angles, path warnings, and re-placing buttons. */
export function ApplicatorList() {
  const s = useFields(useAblationStore, 'applicators', 'catalogue', 'crossings', 'selectedId', 'select', 'setPlacing');
  if (!s.applicators.length) return <p className="hint">No applicator yet.</p>;
  return (
    <ul className="applicators" data-testid="applicator-list">
      {s.applicators.map((a, n) => {
        const t = describeTrajectory(a.entry, a.tip);
        const row = s.catalogue.find((e) => e.id === a.settingId);
        const crossings = s.crossings[a.id] ?? [];
        return (
          <li
            key={a.id}
            className={a.id === s.selectedId ? 'selected' : ''}
            data-testid={`applicator-${n}`}
            onClick={() => s.select(a.id)}
          >
            <div className="title">
              {a.id}: {row ? `${row.device}, ${row.powerW} W ${row.timeMin} min` : `unknown setting ${a.settingId}`}
            </div>
            <div className="readout">
              Depth <b data-testid={`applicator-depth-${n}`}>{f1(t.depthMm)}</b> mm · CC tilt {f1(t.craniocaudalDeg)}° ·
              axial {f1(t.axialFromApDeg)}° from AP
            </div>
            {crossings.map((c) => (
              <div key={c.label} className="warning" data-testid={`crossing-${n}`}>
                Path crosses {c.category} "{c.name}" at {f1(c.fromEntryMm)} mm from entry ({f1(c.lengthMm)} mm inside)
              </div>
            ))}
            <div className="buttons">
              <button onClick={() => s.setPlacing({ point: 'tip', applicatorId: a.id })}>Move tip</button>
              <button onClick={() => s.setPlacing({ point: 'entry', applicatorId: a.id })}>Move entry</button>
              <button onClick={() => removeApplicator(a.id)} title="Remove (Ctrl+Z brings it back)">
                Remove
              </button>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
