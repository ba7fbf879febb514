import { useFields } from '../store/useFields';
import { useEffect, useState } from 'react';
import type { SampleInfo } from '../../../shared/ipc/channels/samples';
import { api } from '../api';
import { currentCase } from '../case/caseSession';
import { useCaseLabelmap } from '../case/useCaseLabelmap';
import { attachFeedback } from '../practice/feedbackOverlay';
import {
  applyOverlay,
  chooseTask,
  leavePractice,
  loadHistory,
  loadTasks,
  openPracticeCase,
  returnToCase,
  submitAttempt,
} from '../practice/practiceActions';
import { usePracticeStore } from '../practice/practiceStore';
import { ProgressChart } from '../practice/ProgressChart';
import { ScoreCard } from '../practice/ScoreCard';
import { attachToViewports, currentSession } from '../segmentation/caseSession';
import { reportError, useAppStore } from '../store/appStore';
import { useCaseStore } from '../store/caseStore';
import { onViewerEvent } from '../viewer/viewerEvents';
import { ViewerWorkspace } from './ViewerWorkspace';
import '../practice/practice.css';

/**
 * Practice: pick a sample case and a task, segment in the Segment tab, submit here. The reference
 * stays on the host until submission; then scores, a debrief and an FP/FN overlay over every view.
 * Practice is a session of its own: the viewer here shows the practice case only (never the
 * patient open before), and the patient's case, saved when the practice case opened, comes back
 * with "Return to".
 */
export function PracticeWorkspace() {
  const p = useFields(
    usePracticeStore,
    'activityGBq',
    'asideCase',
    'busy',
    'history',
    'openedSample',
    'result',
    'sample',
    'series',
    'set',
    'taskId',
    'tasks',
  );
  const setWorkspace = useAppStore((s) => s.setWorkspace);
  const [samples, setSamples] = useState<SampleInfo[]>([]);
  const task = p.tasks.find((t) => t.id === p.taskId);
  const labelmap = useCaseLabelmap();

  useEffect(() => {
    api()
      .invoke('samples:list', {})
      .then((list) => {
        setSamples(list);
        if (!usePracticeStore.getState().sample && list[0]) void loadTasks(list[0].name);
      })
      .catch((e) => reportError('Listing sample cases', e));
    void loadHistory();
  }, []);

  // The attempt and its feedback go onto every view the viewer (re)creates.
  useEffect(() => {
    const attach = () => {
      try {
        const s = currentSession();
        if (s && attachToViewports().length) s.applySegments(useCaseStore.getState().segments);
        if (attachFeedback()) applyOverlay(usePracticeStore.getState().overlay);
      } catch (e) {
        reportError('Practice overlay', e);
      }
    };
    attach();
    const off = onViewerEvent('viewport-ready', attach);
    return () => {
      off();
      leavePractice();
    };
  }, [labelmap]);

  const series = p.series.filter((s) => s.sample === p.sample);
  // The viewer shows the open case: only when that is this sample's practice case.
  const open = p.openedSample !== null && p.openedSample === p.sample;
  const aside = p.openedSample !== null ? p.asideCase : null;
  // Segmentation tasks submit the case labelmap: it exists once the reference phase has loaded.
  const ready = open && (task?.kind === 'y90-activity' || labelmap !== null);
  return (
    <section className="practice-workspace" data-testid="practice-workspace">
      <aside className="practice-panel">
        <h2>Practice</h2>
        <label>
          Sample case
          <select
            data-testid="practice-sample"
            value={p.sample}
            disabled={!!p.busy}
            onChange={(e) => void loadTasks(e.target.value)}
          >
            {samples.map((s) => (
              <option key={s.name} value={s.name}>
                {s.title} ({s.difficulty})
              </option>
            ))}
          </select>
        </label>
        <label>
          Task
          <select
            data-testid="practice-task"
            value={p.taskId}
            disabled={!!p.busy}
            onChange={(e) => chooseTask(e.target.value)}
          >
            {p.tasks.map((t) => (
              <option key={t.id} value={t.id}>
                {t.title}
              </option>
            ))}
          </select>
        </label>
        {task && (
          <p className="task-text" data-testid="task-instructions">
            {task.instructions}
          </p>
        )}
        <div className="actions">
          <button data-testid="practice-open" disabled={!!p.busy || !p.sample} onClick={() => void openPracticeCase()}>
            {open ? 'Reopen case' : 'Open case'}
          </button>{' '}
          <button data-testid="practice-segment" disabled={!open || !!p.busy} onClick={() => setWorkspace('segment')}>
            Go to Segment
          </button>
        </div>
        {aside && (
          <div className="practice-aside" data-testid="practice-aside">
            <span>
              Your case <b>{aside.name}</b> was saved and put aside while you practise.
            </span>
            <button data-testid="practice-return" disabled={!!p.busy} onClick={() => void returnToCase()}>
              Return to {aside.name}
            </button>
          </div>
        )}
        {task?.kind === 'y90-activity' && (
          <label>
            Your activity (GBq)
            <input
              data-testid="practice-activity"
              type="number"
              step="0.001"
              min="0"
              value={p.activityGBq}
              onChange={(e) => p.set({ activityGBq: e.target.value })}
            />
          </label>
        )}
        <button
          className="primary"
          data-testid="practice-submit"
          disabled={!!p.busy || !task || !ready}
          title={ready ? undefined : open ? 'The case is still loading' : 'Open the practice case first'}
          onClick={() => void submitAttempt()}
        >
          Submit attempt
        </button>
        {p.busy && (
          <p className="hint" data-testid="practice-busy">
            {p.busy}
          </p>
        )}
        {p.result && p.result.sample === p.sample && p.result.taskId === p.taskId && <ScoreCard result={p.result} />}
        <div className="practice-history" data-testid="practice-history">
          <h3>Progress</h3>
          {series.length === 0 && <p className="hint">No attempts on this case yet.</p>}
          {series.map((s) => (
            <div key={s.key}>
              <strong>{s.taskTitle}</strong> — best {s.best === null ? '—' : s.best.toFixed(3)}, latest{' '}
              {s.latest === null ? '—' : s.latest.toFixed(3)}
              <ProgressChart series={s} />
            </div>
          ))}
          <h3>Attempts</h3>
          <ul data-testid="attempt-list">
            {p.history
              .filter((a) => a.sample === p.sample)
              .slice(0, 20)
              .map((a) => (
                <li key={a.attemptId}>
                  {new Date(a.submittedAt).toLocaleString()} · {a.taskTitle} · {a.headline.label}{' '}
                  {a.headline.value === null ? '—' : a.headline.value.toFixed(a.headline.unit ? 1 : 3)}{' '}
                  {a.headline.unit}
                </li>
              ))}
          </ul>
        </div>
      </aside>
      <div className="practice-viewer">
        {open ? (
          <ViewerWorkspace />
        ) : (
          <div className="practice-closed" data-testid="practice-closed">
            <p>The practice case opens here, in a session of its own: choose the case and task, then Open case.</p>
            {currentCase().series.length > 0 && !p.openedSample && (
              <p>
                The case open now is not shown here. It is saved when the practice case opens, and comes back with
                “Return to …” in this panel.
              </p>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
