import { phaseOrSeries } from '../../../shared/viewer/phaseName';
import { useCaseStore } from '../store/caseStore';
import { useStudyStore } from '../store/studyStore';

const f = (v: number, d = 1) => (Number.isFinite(v) ? v.toFixed(d) : '—');

/** Per-segment figures, lesion count and tumour burden; computed in a worker after each edit. */
export function StatisticsPanel() {
  const stats = useCaseStore((s) => s.stats);
  const busy = useCaseStore((s) => s.statsBusy);
  const segments = useCaseStore((s) => s.segments);
  const series = useStudyStore((s) => s.viewerSeries);
  const name = (label: number) => segments.find((s) => s.label === label)?.name ?? `Label ${label}`;
  return (
    <div className="segment-stats" data-testid="segment-stats" data-busy={busy ? '1' : '0'}>
      <h3>Statistics {busy && <span className="hint">updating…</span>}</h3>
      {!stats && <p className="hint">Appears once something is segmented.</p>}
      {stats && (
        <>
          <div className="burden" data-testid="burden">
            {stats.burden ? (
              <>
                <div>
                  Tumour burden <b data-testid="burden-percent">{stats.burden.percent.toFixed(1)}%</b> (
                  {stats.burden.bin})
                </div>
                <div>
                  Tumour {f(stats.burden.tumourMl)} mL / liver incl. tumour{' '}
                  <span data-testid="liver-incl-ml">{f(stats.burden.liverIncludingTumourMl)}</span> mL
                </div>
                {!!stats.wholeLiver?.intrahepaticVesselMl && (
                  <div className="source" data-testid="intrahepatic-vessel-ml">
                    Whole liver counts {f(stats.wholeLiver.intrahepaticVesselMl)} mL of vessel segments inside it.
                  </div>
                )}
                {/* Where the bins come from, for whoever asks; rule-set ids stay out of the panel. */}
                <details className="source" data-testid="burden-details">
                  <summary>Details</summary>
                  Burden bins: {stats.burden.source}; rule set {stats.burden.ruleSet}.
                </details>
              </>
            ) : (
              <div>{stats.burdenNote}</div>
            )}
            <div title="Each lesion segment is one lesion; a label holding several tumours counts its separate parts">
              Lesions: <b data-testid="lesion-count">{stats.lesionCount}</b>
            </div>
            {stats.lesionChecks.map((c) => (
              <div key={c.id} className="hint" data-testid={`lesion-check-${c.id}`}>
                {c.name} has {c.parts} separate parts: counted as one lesion; split it if they are several.
              </div>
            ))}
          </div>
          {stats.segments.length > 0 && (
            <table>
              <thead>
                <tr>
                  <th>Segment</th>
                  <th>mL</th>
                  <th>voxels</th>
                  <th title="Longest axial diameter × its perpendicular">axial mm</th>
                  <th title="3D maximum diameter">3D mm</th>
                </tr>
              </thead>
              <tbody>
                {stats.segments.map((s) => (
                  <tr key={s.label} data-testid={`stats-${s.label}`}>
                    <td title={`centroid ${s.centroidLps.map((v) => v.toFixed(1)).join(', ')} (LPS mm)`}>
                      {name(s.label)}
                    </td>
                    <td data-testid={`volume-ml-${s.label}`}>{f(s.volumeMl)}</td>
                    <td>{s.voxelCount}</td>
                    <td>
                      {f(s.axialLongestMm)} × {f(s.axialPerpendicularMm)}
                    </td>
                    <td>{f(s.maxDiameter3dMm)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {stats.segments.some((s) => s.intensity.length > 0) && (
            <table className="hu">
              <thead>
                <tr>
                  <th>Segment</th>
                  <th>Phase</th>
                  <th>HU mean ± SD</th>
                  <th>min / max</th>
                </tr>
              </thead>
              <tbody>
                {stats.segments.flatMap((s) =>
                  s.intensity.map((i) => (
                    <tr key={`${s.label}-${i.phase}`}>
                      <td>{name(s.label)}</td>
                      <td data-testid={`hu-phase-${s.label}`}>{phaseOrSeries(i.phase, series)}</td>
                      <td>
                        {f(i.mean, 0)} ± {f(i.sd, 0)}
                      </td>
                      <td>
                        {f(i.min, 0)} / {f(i.max, 0)}
                      </td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          )}
        </>
      )}
    </div>
  );
}
