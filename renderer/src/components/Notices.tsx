import { useState } from 'react';
import { useAppStore, type Notice } from '../store/appStore';
import { useNoticeHistory } from './noticeHistory';
import { splitPaths } from './shortenPaths';

/** At most this many notices on screen; older ones wait (errors) or are in the history. */
const VISIBLE = 3;

/** A message with long paths shortened in the middle, each with its full path on hover. */
function MessageText({ message }: { message: string }) {
  return (
    <>
      {splitPaths(message).map((p, n) =>
        'path' in p ? (
          <span key={n} className="notice-path" title={p.path}>
            {p.short}
          </span>
        ) : (
          <span key={n}>{p.text}</span>
        ),
      )}
    </>
  );
}

/**
 * Success and info fade by themselves (a CSS animation, paused while the pointer is on the
 * notice, removes them when it ends); errors stay until dismissed.
 */
function NoticeItem({ n }: { n: Notice }) {
  const dismiss = useAppStore((s) => s.dismiss);
  return (
    <div
      className={`notice ${n.kind}`}
      role={n.kind === 'error' ? 'alert' : 'status'}
      title={n.message}
      onAnimationEnd={(e) => e.animationName === 'notice-fade' && dismiss(n.id)}
    >
      <span className="notice-text">
        <MessageText message={n.message} />
      </span>
      <button aria-label="Dismiss" onClick={() => dismiss(n.id)}>
        ×
      </button>
    </div>
  );
}

/** Closed with its button or the History toggle (Escape belongs to the Segment tools). */
function NoticeHistory({ onClose }: { onClose(): void }) {
  const items = useNoticeHistory((s) => s.items);
  return (
    <div className="notice-history" role="dialog" aria-label="Notice history" data-testid="notice-history">
      <div className="notice-history-head">
        <b>Notices this session</b>
        <button onClick={onClose}>Close</button>
      </div>
      {items.length === 0 ? (
        <p className="muted">No notices yet.</p>
      ) : (
        <ol>
          {[...items].reverse().map((n) => (
            <li key={n.id} className={`notice-history-item ${n.kind}`}>
              <time>{n.at.toLocaleTimeString()}</time> <MessageText message={n.message} />
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

/**
 * Errors and confirmations in a bar of its own under the workspace, so they never cover the
 * viewports' readouts; the newest three are shown, the rest are in the history.
 */
export function Notices() {
  const notices = useAppStore((s) => s.notices);
  const count = useNoticeHistory((s) => s.items.length);
  const [historyOpen, setHistoryOpen] = useState(false);
  return (
    <footer className="notices" aria-live="polite">
      <div className="notice-list">
        {notices.slice(-VISIBLE).map((n) => (
          <NoticeItem key={n.id} n={n} />
        ))}
      </div>
      <button
        className="notice-history-button"
        aria-expanded={historyOpen}
        disabled={count === 0}
        title="Notices shown earlier in this session"
        onClick={() => setHistoryOpen(!historyOpen)}
      >
        History ({count})
      </button>
      {historyOpen && <NoticeHistory onClose={() => setHistoryOpen(false)} />}
    </footer>
  );
}
