import { useStudyStore } from '../store/studyStore';
import { cancelScan } from './importActions';

/** Import progress (files done of total) with a cancel button; hidden when idle. */
export function ImportProgress() {
  const scan = useStudyStore((s) => s.scan);
  if (!scan) return null;
  const pct = scan.total > 0 ? Math.round((100 * scan.done) / scan.total) : null;
  return (
    <div
      className="progress-row"
      data-testid="import-progress"
      role="progressbar"
      aria-valuenow={pct ?? undefined}
      aria-valuemin={0}
      aria-valuemax={100}
    >
      <span>
        {scan.label}
        {scan.total > 0 ? ` — ${scan.done} of ${scan.total}` : '…'}
      </span>
      <div className="progress">
        <div
          className={pct === null ? 'bar indeterminate' : 'bar'}
          style={pct === null ? undefined : { width: `${pct}%` }}
        />
      </div>
      <button onClick={() => void cancelScan()}>Cancel</button>
    </div>
  );
}
