import { Fragment, useState } from 'react';
import type { DerivedSummary, SeriesSummary, StudySummary } from '../../../shared/ipc/channels/dicom';
import { PHASE_LABELS } from '../../../shared/dicom/phaseLabels';
import { confidenceWord, isKnownPhase, phaseExplanation } from '../../../shared/viewer/seriesLabel';
import { isoDate, NOT_ENTERED, patientLine } from '../../../shared/report/formatPeople';
import { api } from '../api';
import { reportError } from '../store/appStore';
import { useStudyStore } from '../store/studyStore';
import { loadDerivedIntoCase, referencedSeries } from './derivedActions';
import { SrMeasurements } from './SrMeasurements';
import { openSeries, openStudy } from './importActions';

function worstSeverity(s: SeriesSummary): 'error' | 'warning' | 'info' | null {
  if (s.findings.some((f) => f.severity === 'error')) return 'error';
  if (s.findings.some((f) => f.severity === 'warning')) return 'warning';
  return s.findings.length ? 'info' : null;
}

/** The phase cell's tooltip: who set the phase, or what the automatic recognition went by. */
function phaseCellTitle(s: SeriesSummary): string {
  return s.phaseOverride ? 'Phase set by the user.' : phaseExplanation(s.phase);
}

const KIND_NAMES: Record<DerivedSummary['kind'], string> = {
  SEG: 'Segmentation',
  SR: 'Structured report',
  RTSTRUCT: 'RT structure set',
  KO: 'Key objects',
  PR: 'Presentation state',
  PDF: 'PDF report',
  RT: 'RT object',
  REG: 'Registration',
  DOC: 'Document',
};

/** One derived object (SEG, SR, RTSTRUCT...) as a row under the series it was made from. */
function DerivedRow({ study, d, under }: { study: StudySummary; d: DerivedSummary; under: boolean }) {
  const [showing, setShowing] = useState(false);
  const refs = referencedSeries(study, d);
  const refText = refs.length
    ? `from series ${refs.map((s) => `#${s.seriesNumber}`).join(', ')}`
    : d.referencedSeriesUids.length
      ? 'from series not imported'
      : 'names no series';
  return (
    <>
      <tr className={`derived-row${under ? ' under' : ''}`} data-testid="derived-row" data-kind={d.kind}>
        <td>{d.seriesNumber || ''}</td>
        <td colSpan={6} title={d.path}>
          <span className="derived-kind">{d.kind}</span> {KIND_NAMES[d.kind]}: {d.description || '(no description)'}
          {d.summary && d.summary !== d.description ? ` · ${d.summary}` : ''} · <i>{refText}</i>
          {d.unusable && (
            <div className="derived-unusable" data-testid="derived-unusable">
              Not usable: {d.unusable}
            </div>
          )}
        </td>
        <td>
          {(d.kind === 'SEG' || d.kind === 'RTSTRUCT') && !d.unusable && (
            <button
              data-testid="load-derived"
              title={
                d.kind === 'SEG'
                  ? 'Open the images it was drawn on and import its segments into the case'
                  : 'Open the images it was drawn on and fill its contours into the case as segments'
              }
              onClick={() => void loadDerivedIntoCase(study, d)}
            >
              Load into case
            </button>
          )}
          {d.kind === 'SR' && !d.unusable && (
            <button data-testid="show-measurements" onClick={() => setShowing(!showing)}>
              {showing ? 'Hide measurements' : 'Show measurements'}
            </button>
          )}
        </td>
      </tr>
      {showing && (
        <tr className="derived-detail">
          <td />
          <td colSpan={7}>
            <SrMeasurements d={d} />
          </td>
        </tr>
      )}
    </>
  );
}

/** Patient > study > series (derived objects under the series they reference), with phase, findings, overrides. */
export function StudyBrowser() {
  const studies = useStudyStore((s) => s.studies);
  const unreadable = useStudyStore((s) => s.unreadable);
  const duplicates = useStudyStore((s) => s.duplicates);
  const [expanded, setExpanded] = useState<string | null>(null);
  if (studies.length === 0) return null;
  const unusable = studies.flatMap((st) => (st.derived ?? []).filter((d) => d.unusable));
  const byPatient = new Map<string, StudySummary[]>();
  for (const st of studies) {
    // Names without carets, an empty ID left out (never "()").
    const key = patientLine({ name: st.patientName, id: st.patientId });
    byPatient.set(key, [...(byPatient.get(key) ?? []), st]);
  }

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
      const { unreadable: u, duplicates: d } = useStudyStore.getState();
      useStudyStore.getState().setStudies(next, u, d);
    } catch (e) {
      reportError('Saving the phase', e);
    }
  };

  return (
    <div className="study-tree" data-testid="study-tree">
      {[...byPatient.entries()].map(([patient, pstudies]) => (
        <div key={patient} className="patient">
          <div className="patient-name">{patient === NOT_ENTERED ? 'Unnamed patient' : patient}</div>
          {pstudies.map((study) => (
            <div key={study.studyInstanceUid} className="study">
              <div className="study-head">
                <span>
                  {isoDate(study.studyDate) || 'no study date'} · {study.description || 'Study'} · {study.series.length}{' '}
                  series
                  {study.derived?.length ? ` · ${study.derived.length} derived object(s)` : ''}
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
                    // Listed under the first (largest) piece of the series they reference.
                    const derived = (study.derived ?? []).filter((d) => referencedSeries(study, d)[0] === s);
                    return (
                      <Fragment key={s.seriesInstanceUid}>
                        <tr data-testid="series-row">
                          <td title={s.seriesNumber > 0 ? undefined : 'No series number in the headers'}>
                            {s.seriesNumber > 0 ? s.seriesNumber : '—'}
                          </td>
                          <td>{s.description || '(no description)'}</td>
                          <td>{s.modality}</td>
                          <td>{s.imageCount}</td>
                          <td>{s.spacing.map((v) => v.toFixed(2)).join(' × ')}</td>
                          <td title={phaseCellTitle(s)}>
                            <select
                              aria-label={`Phase of series ${s.seriesNumber || s.description || s.modality}`}
                              data-testid="series-phase"
                              value={s.phaseOverride ?? s.phase.label}
                              onChange={(e) => void setPhase(study, s, e.target.value)}
                            >
                              {PHASE_LABELS.map((p) => (
                                <option key={p} value={p}>
                                  {p === 'unknown' ? 'not recognised' : p.replace(/_/g, ' ')}
                                </option>
                              ))}
                            </select>
                            {!s.phaseOverride && isKnownPhase(s.phase.label) && (
                              <span className="confidence" data-testid="phase-confidence">
                                {confidenceWord(s.phase.confidence)} ({Math.round(s.phase.confidence * 100)}%)
                              </span>
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
                        {derived.map((d) => (
                          <DerivedRow key={d.sopInstanceUid} study={study} d={d} under />
                        ))}
                      </Fragment>
                    );
                  })}
                  {(study.derived ?? [])
                    .filter((d) => referencedSeries(study, d).length === 0)
                    .map((d) => (
                      <DerivedRow key={d.sopInstanceUid} study={study} d={d} under={false} />
                    ))}
                </tbody>
              </table>
            </div>
          ))}
        </div>
      ))}
      {duplicates.length > 0 && (
        <details className="unreadable" data-testid="duplicates">
          <summary>{duplicates.length} duplicate file(s): copies of instances already read</summary>
          <ul>
            {duplicates.slice(0, 200).map((d) => (
              <li key={d.path}>
                {d.path}: kept {d.keptPath}; {d.difference ?? 'identical copy'}
              </li>
            ))}
          </ul>
        </details>
      )}
      {unusable.length > 0 && (
        <details className="unreadable" data-testid="unusable-derived">
          <summary>{unusable.length} derived object(s) cannot be used</summary>
          <ul>
            {unusable.map((d) => (
              <li key={d.sopInstanceUid}>
                {d.path}: {d.unusable}
              </li>
            ))}
          </ul>
        </details>
      )}
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
