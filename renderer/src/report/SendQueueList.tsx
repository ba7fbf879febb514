import { removeJob, retryJob } from './reportActions';
import { useReportStore } from './reportStore';

/** Every queued, failed and sent job (newest first), with the reason of a failure and one-click retry. */
export function SendQueueList() {
  const queue = useReportStore((s) => s.queue);
  if (!queue.length) return <p className="muted">Nothing sent yet.</p>;
  return (
    <ul className="send-queue" data-testid="send-queue">
      {[...queue].reverse().map((j) => (
        <li key={j.id} data-testid="queue-job" data-state={j.state} className={`job ${j.state}`}>
          <div>
            <b className="state">{j.state}</b> {j.label}
          </div>
          <div className="muted">
            {j.target} · {j.files.length} files · {j.attempts} attempt{j.attempts === 1 ? '' : 's'} ·{' '}
            {new Date(j.sentAt ?? j.updatedAt).toLocaleString()}
          </div>
          {j.lastError && j.state !== 'done' && (
            <div className="error" data-testid="queue-error">
              {j.lastError}
            </div>
          )}
          {j.state !== 'done' && j.state !== 'sending' && (
            <div className="row">
              <button data-testid="queue-retry" onClick={() => void retryJob(j.id)}>
                Retry
              </button>
              <button onClick={() => void removeJob(j.id)}>Remove</button>
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
