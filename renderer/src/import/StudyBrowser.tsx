import { useState } from 'react';
import type { SeriesSummary, StudySummary } from '../../../shared/ipc/channels/dicom';
import { PHASE_LABELS } from '../../../shared/dicom/phaseLabels';
import { api } from '../api';
import { reportError } from '../store/appStore';
import { useStudyStore } from '../store/studyStore';
import { openSeries, openStudy } from './importActions';

function worstSeverity(s: SeriesSummary): 'error' | 'warning' | 'info' | null {
  if (s.findings.some((f) => f.severity === 'error')) return 'error';
  if (s.findings.some((f) => f.severity === 'warning')) return 'warning';
  return s.findings.length ? 'info' : null;
}

/** Patient > study > series, with phase, geometry findings and a phase override. */
export function StudyBrowser() {
  const studies = useStudyStore((s) => s.studies);
  const unreadable = useStudyStore((s) => s.unreadable);
  const [expanded, setExpanded] = useState<string | null>(null);
  if (studies.length === 0) return null;
  const byPatient = new Map<string, StudySummary[]>();
  for (const st of studies)
    byPatient.set(`${st.patientName} (${st.patientId})`, [
      ...(byPatient.get(`${st.patientName} (${st.patientId})`) ?? []),
      st,
    ]);

  const setPhase = async (study: StudySummary, s: SeriesSummary, label: string) => {
    try {
      await api().invoke('dicom:setPhase', { seriesInstanceUid: s.seriesInstanceUid, label });
      const next = useStudyStore.getState().studies.map((st) =>
        st.studyInstanceUid !== study.studyInstanceUid
          ? st
          : {
              ...st,
              series: st.series.map((x) =>
                x.seriesInstanceUid === s.seriesInstanceUid ? { ...x, phaseOverride: label } : x,
              ),
            },
      );
      useStudyStore.getState().setStudies(next, useStudyStore.getState().unreadable);
    } catch (e) {
      reportError('Saving the phase', e);
    }
  };

  return (
    <div className="study-tree" data-testid="study-tree">
      {[...byPatient.entries()].map(([patient, pstudies]) => (
        <div key={patient} className="patient">
          <div className="patient-name">{patient}</div>
          {pstudies.map((study) => (
            <div key={study.studyInstanceUid} className="study">
              <div className="study-head">
                <span>
                  {study.studyDate} · {study.description || 'Study'} · {study.series.length} series
                </span>
                <button className="primary" data-testid="open-study" onClick={() => void openStudy(study)}>
                  Open phases
                </button>
              </div>
              <table className="series-table">
                <thead>
                  <tr>
                    <th>#</th>
                    <th>Series</th>
                    <th>Mod</th>
                    <th>Images</th>
                    <th>Spacing (mm)</th>
                    <th>Phase</th>
                    <th>Geometry</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {study.series.map((s) => {
                    const sev = worstSeverity(s);
                    const open = expanded === s.seriesInstanceUid;
                    return (
                      <tr key={s.seriesInstanceUid} data-testid="series-row">
                        <td>{s.seriesNumber}</td>
                        <td>{s.description || '(no description)'}</td>
                        <td>{s.modality}</td>
                        <td>{s.imageCount}</td>
                        <td>{s.spacing.map((v) => v.toFixed(2)).join(' × ')}</td>
                        <td title={s.phase.reason}>
                          <select
                            aria-label={`Phase of series ${s.seriesNumber}`}
                            value={s.phaseOverride ?? s.phase.label}
                            onChange={(e) => void setPhase(study, s, e.target.value)}
                          >
                            {PHASE_LABELS.map((p) => (
                              <option key={p} value={p}>
                                {p.replace(/_/g, ' ')}
                              </option>
                            ))}
                          </select>
                          {!s.phaseOverride && (
                            <span className="confidence">{Math.round(s.phase.confidence * 100)}%</span>
                          )}
                        </td>
                        <td>
                          {sev ? (
                            <button
                              className={`finding ${sev}`}
                              onClick={() => setExpanded(open ? null : s.seriesInstanceUid)}
                            >
                              {s.findings.length} finding{s.findings.length > 1 ? 's' : ''}
                            </button>
                          ) : (
                            <span className="ok">regular</span>
                          )}
                          {open && (
                            <ul className="findings">
                              {s.findings.map((f, n) => (
                                <li key={n} className={f.severity}>
                                  <b>{f.code}</b>: {f.message}
                                </li>
                              ))}
                            </ul>
                          )}
                        </td>
                        <td>
                          <button
                            disabled={!s.isVolume}
                            title={s.isVolume ? 'Show this series alone' : 'Not a volume'}
                            onClick={() => void openSeries(study, s)}
                          >
                            View
                          </button>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          ))}
        </div>
      ))}
      {unreadable.length > 0 && (
        <details className="unreadable">
          <summary>{unreadable.length} file(s) could not be read</summary>
          <ul>
            {unreadable.slice(0, 200).map((u) => (
              <li key={u.path}>
                {u.path}: {u.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
