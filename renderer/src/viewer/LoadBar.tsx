import type { ViewerSeries } from '../store/studyStore';
import { useViewerStore } from './viewerStore';

/**
 * Whole-study progress: headers count for the first half of each phase,
 * decoded slices for the second, so the bar moves steadily; hidden when done.
 */
export function LoadBar({ series }: { series: ViewerSeries[] }) {
  const progress = useViewerStore((s) => s.progress);
  let done = 0;
  let total = 0;
  for (const s of series) {
    const p = progress[s.seriesInstanceUid];
    const n = s.fileIds.length;
    total += 2 * n;
    if (!p || p.stage === 'error') continue;
    done += p.stage === 'headers' ? p.done : p.stage === 'pixels' ? n + p.done : 2 * n;
  }
  if (total === 0 || done >= total) return null;
  const pct = Math.round((100 * done) / total);
  return (
    <div
      className="progress-row viewer-load"
      data-testid="viewer-progress"
      role="progressbar"
      aria-valuenow={pct}
      aria-valuemin={0}
      aria-valuemax={100}
    >
      <span>
        {/* "series", not "phases": a series whose phase is unknown is not a phase. */}
        Loading {series.length} series — {pct}%
      </span>
      <div className="progress">
        <div className="bar scaled" style={{ transform: `scaleX(${pct / 100})` }} />
      </div>
    </div>
  );
}
