import { useFields } from '../store/useFields';
import { useEffect, useState } from 'react';
import { followQueue, loadTargets, refreshQueue, removeTarget, sendToTarget, testConnection } from './reportActions';
import { useReportStore } from './reportStore';
import { SendQueueList } from './SendQueueList';
import { TargetEditor } from './TargetEditor';

/** Targets (folder, STOW-RS, C-STORE), the de-identify option, Send, and the persistent queue. */
export function ExportPanel() {
  const r = useFields(
    useReportStore,
    'busy',
    'deidentify',
    'echo',
    'rtstruct',
    'setDeidentify',
    'setRtstruct',
    'setTargetId',
    'targetId',
    'targets',
  );
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  useEffect(() => {
    void loadTargets();
    void refreshQueue();
    return followQueue();
  }, []);
  const target = r.targets.find((t) => t.id === r.targetId);
  const busy = r.busy !== null;
  return (
    <div className="report-right">
      <h2>Export</h2>
      <div className="row">
        <select data-testid="target-select" value={r.targetId} onChange={(e) => r.setTargetId(e.target.value)}>
          {!r.targets.length && <option value="">No target yet</option>}
          {r.targets.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
        <button data-testid="target-add" onClick={() => setEditing('new')}>
          Add…
        </button>
        {target && <button onClick={() => setEditing(target.id)}>Edit…</button>}
        {target && <button onClick={() => void removeTarget(target.id)}>Delete</button>}
      </div>
      {target && (
        <div className="muted" data-testid="target-description">
          {target.description}
        </div>
      )}
      {target?.target.kind === 'dimse' && (
        <div className="row">
          <button data-testid="target-echo" onClick={() => void testConnection(target.id)}>
            Test connection
          </button>
          <span data-testid="echo-result">{r.echo[target.id] ?? ''}</span>
        </div>
      )}
      {editing && (
        <TargetEditor key={editing} editing={r.targets.find((t) => t.id === editing)} onDone={() => setEditing(null)} />
      )}
      <label className="check">
        <input
          type="checkbox"
          data-testid="deidentify"
          checked={r.deidentify.on}
          onChange={(e) => r.setDeidentify({ on: e.target.checked })}
        />{' '}
        De-identified (teaching)
      </label>
      <label className="check" title="For Y-90 dosimetry and radiotherapy tools that read only RT Structure Sets">
        <input
          type="checkbox"
          data-testid="export-rtstruct"
          checked={r.rtstruct}
          onChange={(e) => r.setRtstruct(e.target.checked)}
        />{' '}
        Also as RTSTRUCT (contours)
      </label>
      {r.deidentify.on && (
        <div className="row">
          <input
            aria-label="Teaching patient name"
            value={r.deidentify.patientName}
            onChange={(e) => r.setDeidentify({ patientName: e.target.value })}
          />
          <input
            aria-label="Teaching patient ID"
            value={r.deidentify.patientId}
            onChange={(e) => r.setDeidentify({ patientId: e.target.value })}
          />
        </div>
      )}
      <button
        className="primary"
        data-testid="send"
        disabled={busy || !target}
        onClick={() => void sendToTarget()}
        title={`DICOM SEG, SR (TID 1500) and the report as Encapsulated PDF${r.rtstruct ? ', and the segments as RTSTRUCT' : ''}`}
      >
        Send SEG + SR + PDF{r.rtstruct ? ' + RTSTRUCT' : ''}
      </button>
      <h3>
        Send queue <button onClick={() => void refreshQueue()}>Refresh</button>
      </h3>
      <SendQueueList />
    </div>
  );
}
