import { useStudyStore } from '../store/studyStore';
import { cancelScan } from './importActions';

/** A labelled progress bar (done of total; indeterminate while the total is unknown) with Cancel. */
export function ProgressRow(props: {
  label: string;
  done: number;
  total: number;
  onCancel(): void;
  testId: string;
  cancelTestId?: string;
}) {
  const { label, done, total } = props;
  const pct = total > 0 ? Math.round((100 * done) / total) : null;
  return (
    <div
      className="progress-row"
      data-testid={props.testId}
      role="progressbar"
      aria-valuenow={pct ?? undefined}
      aria-valuemin={0}
      aria-valuemax={100}
    >
      <span>
        {label}
        {total > 0 ? ` — ${done} of ${total}` : '…'}
      </span>
      <div className="progress">
        <div
          className={pct === null ? 'bar indeterminate' : 'bar'}
          style={pct === null ? undefined : { width: `${pct}%` }}
        />
      </div>
      <button data-testid={props.cancelTestId} onClick={props.onCancel}>
        Cancel
      </button>
    </div>
  );
}

/** Import progress (files done of total) with a cancel button; hidden when idle. */
export function ImportProgress() {
  const scan = useStudyStore((s) => s.scan);
  if (!scan) return null;
  return (
    <ProgressRow
      label={scan.label}
      done={scan.done}
      total={scan.total}
      onCancel={() => void cancelScan()}
      testId="import-progress"
    />
  );
}
