import { useEffect, useState } from 'react';
import type { SampleInfo } from '../../../shared/ipc/channels/samples';
import { api } from '../api';
import { importPaths, openFolder, openSample } from '../import/importActions';
import { PacsSearch } from '../import/PacsSearch';
import { ImportProgress } from '../import/ProgressBar';
import { StudyBrowser } from '../import/StudyBrowser';
import { reportError, useAppStore } from '../store/appStore';
import { useStudyStore } from '../store/studyStore';

/** First screen: open a folder, drop files, open a sample case; the study browser below. */
export function StartWorkspace() {
  const setWorkspace = useAppStore((s) => s.setWorkspace);
  const busy = useStudyStore((s) => s.scan !== null);
  const [info, setInfo] = useState('');
  const [samples, setSamples] = useState<SampleInfo[]>([]);
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    const a = api();
    a.invoke('app:info', {})
      .then((i) => setInfo(`LiverPlan ${i.appVersion} · ${i.host} · data in ${i.userDataDir}`))
      .catch((e) => reportError('Reading app info', e));
    a.invoke('samples:list', {})
      .then(setSamples)
      .catch((e) => reportError('Listing sample cases', e));
    a.invoke('dicom:index', {})
      .then((idx) => {
        if (useStudyStore.getState().studies.length === 0) useStudyStore.getState().setStudies(idx.studies);
        if (idx.missingFiles > 0)
          useAppStore
            .getState()
            .notify(
              'info',
              `${idx.missingFiles} previously imported file(s) are no longer on disk; their series are marked incomplete.`,
            );
      })
      .catch((e) => reportError('Reading the study index', e));
  }, []);

  const onDrop = (e: React.DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const paths = [...e.dataTransfer.files].map((f) => api().pathForFile?.(f) ?? '').filter(Boolean);
    if (paths.length) void importPaths(paths);
    else
      useAppStore
        .getState()
        .notify(
          'error',
          'Dropped items have no path on disk. Drop folders or files from the file manager, or use Open folder.',
        );
  };

  return (
    <section
      className={dragging ? 'start dragging' : 'start'}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <h1>LiverPlan</h1>
      <p className="lead">
        Plan embolization, chemoembolization, Y-90 radioembolization and thermal ablation of liver tumours.
      </p>
      <div className="start-actions">
        <button
          className="primary"
          data-testid="open-folder"
          disabled={busy}
          onClick={() => void openFolder()}
          title="Open a DICOM folder, CD or DICOMDIR (Ctrl+O)"
        >
          Open folder…
        </button>
        <button onClick={() => setWorkspace('selftest')}>Display self-test</button>
        <span className="hint">or drop DICOM folders or files here</span>
      </div>
      <ImportProgress />
      <PacsSearch />
      <StudyBrowser />
      {samples.length > 0 && (
        <div className="samples" data-testid="sample-list">
          <h2>Open sample case</h2>
          <ul>
            {samples.map((s) => (
              <li key={s.name}>
                <button disabled={busy} data-testid={`sample-${s.name}`} onClick={() => void openSample(s.name)}>
                  {s.title}
                </button>
                <span className="sample-desc">
                  {s.modality} · {s.difficulty} — {s.description}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <footer className="about" data-testid="app-info">
        {info}
      </footer>
    </section>
  );
}
