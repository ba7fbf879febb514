import { useCallback, useMemo, useState } from 'react';
import { gridNote } from '../../../shared/viewer/gridNote';
import type { ViewportSpec } from '../../../shared/viewer/planViewports';
import { isKnownPhase, paneTitle, phaseExplanation, seriesIdentity } from '../../../shared/viewer/seriesLabel';
import { isoDate, personName } from '../../../shared/report/formatPeople';
import type { ViewerSeries } from '../store/studyStore';
import type { LoadProgress } from './loadSeriesVolume';
import { useViewportReadout } from './useViewportReadout';

interface Props {
  spec: ViewportSpec;
  series: ViewerSeries;
  active: boolean;
  /** The volume is on this viewport (the overlay reads the camera from then on). */
  shown: boolean;
  progress: LoadProgress | undefined;
  /** Position follows the other phases (same frame of reference). */
  synced: boolean | null;
  onElement(id: string, el: HTMLDivElement | null): void;
  onActivate(): void;
}

const fmt = (v: readonly number[] | null) => (v ? v.map((x) => x.toFixed(2)).join(',') : '');

/** One Cornerstone viewport with its overlay: patient, study, series, phase, position, W/L, orientation. */
export function ViewportPane({ spec, series, active, shown, progress, synced, onElement, onActivate }: Props) {
  const [element, setElement] = useState<HTMLDivElement | null>(null);
  const r = useViewportReadout(spec.id, element, shown);
  const id = spec.id;
  const ref = useCallback(
    (el: HTMLDivElement | null) => {
      setElement(el);
      onElement(id, el);
    },
    [id, onElement],
  );
  const is3d = spec.kind === 'volume3d';
  const loading = progress && progress.stage !== 'done' ? progress : null;
  // A tilted or unevenly spaced stack is shown on its regular grid (loadRegularVolume): say which.
  const grid = useMemo(() => (series.openInfo ? gridNote(series.openInfo) : null), [series.openInfo]);
  return (
    <div
      className={active ? 'viewer-pane active' : 'viewer-pane'}
      data-testid={`viewport-${spec.id}`}
      data-phase={series.phase.label}
      data-focal-point={fmt(r.focalPoint)}
      data-slice={r.slice}
      data-voi={r.voi ? fmt([r.voi.lower, r.voi.upper]) : ''}
      data-invert={r.invert ? '1' : '0'}
      onPointerDown={onActivate}
    >
      <div className="viewer-element" ref={ref} onContextMenu={(e) => e.preventDefault()} />
      <div className="viewer-overlay">
        <div className="corner tl">
          {series.patientName.trim() ? <div>{personName(series.patientName)}</div> : null}
          {series.patientId.trim() ? <div>ID {series.patientId.trim()}</div> : null}
          {isoDate(series.studyDate) ? <div>{isoDate(series.studyDate)}</div> : null}
        </div>
        <div className="corner tr">
          <div className="phase-title" data-testid="phase-label" title={phaseExplanation(series.phase)}>
            {paneTitle(spec.title, series)}
          </div>
          {isKnownPhase(series.phase.label) ? (
            <div data-testid="series-identity">{seriesIdentity(series)}</div>
          ) : (
            <div className="phase-note" data-testid="series-identity" title={phaseExplanation(series.phase)}>
              Phase not recognised
            </div>
          )}
          {synced === false && <div className="warn">Not position-synced: other frame of reference</div>}
        </div>
        {!is3d && (
          <div className="corner bl">
            <div data-testid="slice-position">{r.position}</div>
            <div>{r.slice}</div>
            {grid && (
              <div className="warn" data-testid="grid-note">
                {grid}
              </div>
            )}
          </div>
        )}
        {!is3d && (
          <div className="corner br">
            {r.scale && (
              <div className="scale-bar" data-testid="scale-bar">
                <div className="scale-line" style={{ width: `${r.scale.px}px` }} />
                {r.scale.mm} mm
              </div>
            )}
            <div data-testid="window-level">{r.window}</div>
            {r.invert && <div>Inverted</div>}
          </div>
        )}
        {!is3d && r.edges && (
          <>
            <div className="edge top">{r.edges.top}</div>
            <div className="edge bottom">{r.edges.bottom}</div>
            <div className="edge left" data-testid="edge-left">
              {r.edges.left}
            </div>
            <div className="edge right" data-testid="edge-right">
              {r.edges.right}
            </div>
          </>
        )}
        {series.warnings.length > 0 && <div className="pane-banner">{series.warnings[0]}</div>}
        {loading && (
          <div className="pane-progress" data-testid="pane-progress">
            <span>
              {loading.stage === 'headers' ? 'Reading' : loading.stage === 'error' ? 'Failed' : 'Loading'}{' '}
              {loading.done}/{loading.total}
              {loading.message ? `: ${loading.message}` : ''}
            </span>
            <div className="progress">
              <div
                className="bar scaled"
                style={{ transform: `scaleX(${loading.total ? loading.done / loading.total : 0})` }}
              />
            </div>
          </div>
        )}
      </div>
    </div>
  );
}
