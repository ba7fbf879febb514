import { IDEAL_MARGIN, marginBands } from '../../../shared/ablation/marginBands';
import { useAblationStore } from './ablationStore';
import { convertZoneToSegment } from './ablationActions';

const f1 = (x: number | null | undefined) => (x !== null && x !== undefined && Number.isFinite(x) ? x.toFixed(1) : '-');
const rgb = (c: [number, number, number]) => `rgb(${c.join(',')})`;

/** Per-tumour coverage and margin, heat-sink vessels, critical-structure distances, legend. */
export function AnalysisPanel() {
  const a = useAblationStore((s) => s.analysis);
  const busy = useAblationStore((s) => s.busy);
  const error = useAblationStore((s) => s.error);
  const settings = useAblationStore((s) => s.settings);
  return (
    <div className="ablation-analysis" data-testid="ablation-analysis" data-busy={busy}>
      <h3>Analysis {busy && <span className="busy">computing…</span>}</h3>
      {error && <div className="warning">{error}</div>}
      {a && (
        <>
          <div>
            Predicted zone <b data-testid="zone-volume">{a.zoneVolumeMl.toFixed(1)}</b> ml (estimate from ex vivo device
            charts)
          </div>
          {!a.tumours.length && <p className="hint">No lesion segment: segment the tumour on the Segment tab.</p>}
          {a.tumours.map((t, n) => (
            <div key={t.label} className="tumour" data-testid={`tumour-${n}`}>
              <h4>{t.name}</h4>
              {t.margin ? (
                <table>
                  <tbody>
                    <tr>
                      <td>Coverage</td>
                      <td data-testid={`coverage-${n}`}>{t.margin.coveragePercent.toFixed(1)}%</td>
                    </tr>
                    <tr className={t.margin.mamMm < settings.targetMm ? 'low' : ''}>
                      <td>Minimal margin</td>
                      <td data-testid={`mam-${n}`}>{f1(t.margin.mamMm)} mm</td>
                    </tr>
                    <tr>
                      <td>q25 / median</td>
                      <td>
                        {f1(t.margin.q25Mm)} / {f1(t.margin.medianMm)} mm
                      </td>
                    </tr>
                    <tr>
                      <td>Surface &lt; 0 mm</td>
                      <td>{f1(t.margin.percentBelow0)}%</td>
                    </tr>
                    <tr>
                      <td>Surface &lt; {t.margin.targetMm} mm</td>
                      <td>{f1(t.margin.percentBelow5)}%</td>
                    </tr>
                    <tr>
                      <td>Subcapsular excluded</td>
                      <td>{f1(t.margin.excludedSubcapsularPercent)}%</td>
                    </tr>
                  </tbody>
                </table>
              ) : null}
              {t.margin?.residualTumour && (
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
          <div className="legend">
            Margin map:{' '}
            {marginBands(settings.targetMm).map((b) => (
              <span key={b.label}>
                <i style={{ background: rgb(b.color) }} /> {b.name}
              </span>
            ))}
            <span title={IDEAL_MARGIN.source}>
              <i style={{ background: 'rgb(0,188,212)' }} /> zone
            </span>
          </div>
          <button data-testid="zone-to-segment" disabled={!a.zoneVolumeMl} onClick={convertZoneToSegment}>
            Convert zone to segment
          </button>
        </>
      )}
    </div>
  );
}
