import { useEffect, useState } from 'react';
import type { SavedTargetView } from '../../../shared/ipc/channels/targets';
import type { PacsStudy } from '../../../shared/pacs/studyList';
import type { StudyQuery } from '../../../shared/pacs/studyQuery';
import { isoDate, personName } from '../../../shared/report/formatPeople';
import { api } from '../api';
import { reportError, useAppStore } from '../store/appStore';
import { useStudyStore } from '../store/studyStore';
import { importPaths, openStudy } from './importActions';
import { ProgressRow } from './ProgressBar';

interface Retrieving {
  jobId: string;
  label: string;
  done: number;
  total: number;
}

const FIELDS: [keyof StudyQuery, string, Record<string, unknown>][] = [
  ['patientName', 'Patient name', { placeholder: 'DOE^JANE or DOE*' }],
  ['patientId', 'Patient ID', {}],
  ['dateFrom', 'Study date from', { type: 'date' }],
  ['dateTo', 'to', { type: 'date' }],
  ['modality', 'Modality', { placeholder: 'CT', maxLength: 16, size: 5 }],
  ['accessionNumber', 'Accession', { maxLength: 16 }],
];

/** DICOM person names as the study browser shows them: components separated by spaces. */
const nameText = (n: string) => (n.trim() ? personName(n) : '');
const dateText = (d: string) => isoDate(d) || d;

/**
 * Search a saved PACS target (QIDO-RS or C-FIND, chosen by the target's kind) and retrieve a
 * study into the import folder, with progress and cancel; the study is then imported and hung
 * like a folder the user opened.
 */
export function PacsSearch() {
  const busy = useStudyStore((s) => s.scan !== null);
  const [targets, setTargets] = useState<SavedTargetView[]>([]);
  const [targetId, setTargetId] = useState('');
  const [query, setQuery] = useState<StudyQuery>({});
  const [results, setResults] = useState<PacsStudy[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [retrieving, setRetrieving] = useState<Retrieving | null>(null);

  useEffect(() => {
    api()
      .invoke('targets:list', {})
      .then((all) => {
        const pacs = all.filter((t) => t.target.kind !== 'folder');
        setTargets(pacs);
        setTargetId((id) => id || pacs[0]?.id || '');
      })
      .catch((e) => reportError('Listing PACS targets', e));
  }, []);

  if (targets.length === 0)
    return (
      <p className="hint" data-testid="pacs-search-none">
        To search a PACS, add a DICOMweb or DIMSE target under Report › Export targets.
      </p>
    );

  const search = async () => {
    setSearching(true);
    try {
      const r = await api().invoke('pacs:query', { targetId, query });
      setResults(r.studies);
    } catch (e) {
      reportError('PACS search', e);
    } finally {
      setSearching(false);
    }
  };

  const retrieve = async (study: PacsStudy) => {
    const jobId = `retrieve-${Date.now()}`;
    const label = `Retrieving ${nameText(study.patientName) || study.patientId || 'study'} ${dateText(study.studyDate)}`;
    setRetrieving({ jobId, label, done: 0, total: study.instanceCount ?? 0 });
    const off = api().on('pacs-retrieve-progress', (p, from) => {
      if (from !== jobId) return;
      setRetrieving((r) => (r?.jobId === jobId ? { ...r, done: p.done, total: p.total } : r));
    });
    let folder: string | null = null;
    try {
      const got = await api().invoke('pacs:retrieve', { jobId, targetId, studyInstanceUid: study.studyInstanceUid });
      folder = got.folder;
      useAppStore
        .getState()
        .notify('success', `Retrieved ${got.files} instance(s) by ${got.via} in ${got.seconds.toFixed(1)} s.`);
    } catch (e) {
      if ((e as { code?: string }).code === 'cancelled')
        useAppStore.getState().notify('info', 'Retrieve cancelled. Nothing was kept.');
      else reportError('PACS retrieve', e);
    } finally {
      off();
      setRetrieving(null);
    }
    if (!folder) return;
    const studies = await importPaths([folder], 'Reading the retrieved study');
    if (studies?.length === 1) await openStudy(studies[0]!);
  };

  return (
    <section className="study pacs-search" data-testid="pacs-search">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void search();
        }}
        style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'flex-end' }}
      >
        <label>
          PACS{' '}
          <select data-testid="pacs-target" value={targetId} onChange={(e) => setTargetId(e.target.value)}>
            {targets.map((t) => (
              <option key={t.id} value={t.id} title={t.description}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        {FIELDS.map(([key, label, props]) => (
          <label key={key}>
            {label}{' '}
            <input
              data-testid={`pacs-${key}`}
              value={query[key] ?? ''}
              onChange={(e) => setQuery((q) => ({ ...q, [key]: e.target.value }))}
              {...props}
            />
          </label>
        ))}
        <button type="submit" className="primary" data-testid="pacs-search-button" disabled={searching}>
          {searching ? 'Searching…' : 'Search PACS'}
        </button>
      </form>
      {retrieving && (
        <ProgressRow
          label={retrieving.label}
          done={retrieving.done}
          total={retrieving.total}
          onCancel={() => void api().invoke('job:cancel', { jobId: retrieving.jobId })}
          testId="pacs-retrieve-progress"
          cancelTestId="pacs-retrieve-cancel"
        />
      )}
      {results && results.length === 0 && <p className="hint">No study matches.</p>}
      {results && results.length > 0 && (
        <table className="series-table" data-testid="pacs-results">
          <thead>
            <tr>
              <th>Date</th>
              <th>Patient</th>
              <th>ID</th>
              <th>Modalities</th>
              <th>Accession</th>
              <th>Description</th>
              <th>Instances</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {results.map((s) => (
              <tr key={s.studyInstanceUid} data-testid="pacs-result" title={s.studyInstanceUid}>
                <td>{dateText(s.studyDate)}</td>
                <td>{nameText(s.patientName)}</td>
                <td>{s.patientId}</td>
                <td>{s.modalities.join(', ')}</td>
                <td>{s.accessionNumber}</td>
                <td>{s.description}</td>
                <td>{s.instanceCount ?? ''}</td>
                <td>
                  <button
                    data-testid="pacs-retrieve"
                    disabled={retrieving !== null || busy}
                    onClick={() => void retrieve(s)}
                  >
                    Retrieve
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
