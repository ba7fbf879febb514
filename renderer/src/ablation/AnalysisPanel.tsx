import { useAblationStore } from './ablationStore';
import { convertZoneToSegment } from './ablationActions';
import { f1, MarginLegend, MarginTable } from './MarginTable';

/** Per-tumour coverage and margin, heat-sink vessels, critical-structure distances, legend. */
export function AnalysisPanel() {
  const a = useAblationStore((s) => s.analysis);
  const busy = useAblationStore((s) => s.busy);
  const error = useAblationStore((s) => s.error);
  const settings = useAblationStore((s) => s.settings);
  const applicators = useAblationStore((s) => s.applicators.length);
  return (
    <div className="ablation-analysis" data-testid="ablation-analysis" data-busy={busy}>
      <h3>Analysis {busy && <span className="busy">computing…</span>}</h3>
      {error && <div className="warning">{error}</div>}
      {a && (
        <>
          {applicators > 0 ? (
            <div>
              Predicted zone <b data-testid="zone-volume">{a.zoneVolumeMl.toFixed(1)}</b> ml (estimate from ex vivo
              device charts)
            </div>
          ) : (
            <p className="hint">No applicator placed yet: the predicted zone appears once one is.</p>
          )}
          {!a.tumours.length && <p className="hint">No lesion segment: segment the tumour on the Segment tab.</p>}
          {a.tumours.map((t, n) => (
            <div key={t.label} className="tumour" data-testid={`tumour-${n}`}>
              <h4>{t.name}</h4>
              {t.margin && t.margin.coveragePercent === 0 ? (
                // No zone reaches it: its distance to the zone is no ablative margin (Plan leaves it out too).
                <p className="hint" data-testid={`unreached-${n}`}>
                  Not reached by the zone: no margin measured.
                </p>
              ) : t.margin ? (
                <MarginTable margin={t.margin} targetMm={settings.targetMm} testId={String(n)} />
              ) : null}
              {t.margin?.residualTumour && t.margin.coveragePercent > 0 && (
                <div className="warning" data-testid={`residual-${n}`}>
                  Residual unablated tumour: part of the surface lies outside the zone.
                </div>
              )}
              {t.note && <div className="hint">{t.note}</div>}
              {t.heatSink
                .filter((v) => v.warning)
                .map((v) => (
                  <div key={v.label} className="warning" data-testid={`heatsink-${n}`}>
                    Heat sink: {v.name} {f1(v.diameterMm)} mm wide at {f1(v.distanceMm)} mm
                  </div>
                ))}
            </div>
          ))}
          {a.critical.length > 0 && (
            <div className="critical">
              <h4>Critical structures (from the {a.criticalFrom === 'zone' ? 'zone' : 'tumours'})</h4>
              {a.critical.map((c) => (
                <div key={c.label} className={c.warning ? 'warning' : ''} data-testid="critical-distance">
                  {c.name}: {c.minDistanceMm === null ? `> ${c.searchedMm} mm` : `${f1(c.minDistanceMm)} mm`}
                  {c.warning && ' - consider hydro/gas dissection or another modality'}
                </div>
              ))}
            </div>
          )}
          <MarginLegend targetMm={settings.targetMm} zone="zone" />
          <button data-testid="zone-to-segment" disabled={!a.zoneVolumeMl} onClick={convertZoneToSegment}>
            Convert zone to segment
          </button>
        </>
      )}
    </div>
  );
}
