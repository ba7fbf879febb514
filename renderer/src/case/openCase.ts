import { cache } from '@cornerstonejs/core';
import { referenceSeries } from '../segmentation/caseSession';
import { clearUndoHistory, LabelmapSession } from '../segmentation/labelmapSession';
import { reportError } from '../store/appStore';
import { useStudyStore, type ViewerSeries } from '../store/studyStore';
import { onViewerEvent } from '../viewer/viewerEvents';
import { useViewerStore } from '../viewer/viewerStore';
import { autosaveOf, CaseAutosave } from './caseAutosave';
import { CaseSession, currentCase, replaceCase } from './caseSession';
import { resetCaseState } from './resetCaseState';
import { endAllJobs } from './workerJob';

/** Opens and closes run one after the other (a double click opens once, then again). */
let queue: Promise<void> = Promise.resolve();

function serial(step: () => Promise<void>): Promise<void> {
  const next = queue.then(step, step);
  queue = next.catch(() => undefined);
  return next;
}

/**
 * Opens a study as the case: the case before is closed first (its pending edits saved, every
 * trace of it removed), then the series go to the viewer and the labelmap follows as soon as
 * the reference phase exists, restored from the case store when this study was saved before.
 */
export function openCase(series: ViewerSeries[]): Promise<void> {
  return serial(async () => {
    await close(currentCase());
    const session = new CaseSession(series);
    replaceCase(session);
    watchReferenceVolume(session);
    useStudyStore.getState().showInViewer(series);
  });
}

/** Closes the open case and leaves an empty one (the viewer keeps its images until the next opens). */
export function closeCase(): Promise<void> {
  return serial(async () => {
    await close(currentCase());
    replaceCase(new CaseSession([]));
  });
}

async function close(session: CaseSession): Promise<void> {
  if (session.closed) return;
  // Before the first study nothing belongs to a patient (a plan typed ahead is kept).
  if (!session.series.length) {
    session.dispose();
    return;
  }
  // No job of this case may finish into the next one.
  endAllJobs();
  try {
    await autosaveOf(session)?.flush();
  } catch (e) {
    reportError('Saving the case before closing it', e);
  }
  // Let the cancelled jobs' handlers run now, so their notes land before the reset clears them.
  await new Promise((resolve) => setTimeout(resolve, 0));
  const shown = session.labelmap !== null;
  const errors = session.dispose();
  for (const e of errors) reportError('Closing the case', e);
  clearUndoHistory();
  // The viewer exists once a labelmap did (practice's side-by-side mode ends with the case).
  resetCaseState({ viewerShown: shown });
}

/** Creates the case labelmap once the reference phase's volume exists (now, if it already does). */
function watchReferenceVolume(session: CaseSession): void {
  const ref = referenceSeries(session.series);
  if (!ref) return;
  const start = (volumeId: string) => {
    if (session.closed || session.labelmap || !cache.getVolume(volumeId)) return;
    try {
      const labelmap = LabelmapSession.create(volumeId);
      session.setLabelmap(labelmap);
      void CaseAutosave.start(session, labelmap)
        .open()
        .catch((e) => reportError('Opening the case', e));
    } catch (e) {
      reportError('Creating the case segmentation', e);
    }
  };
  session.onClose(
    onViewerEvent('volume-ready', (e) => {
      if (e.seriesUid === ref.seriesInstanceUid) start(e.volumeId);
    }),
  );
  // The same study opened again keeps its volumes: no new event comes for them.
  const known = useViewerStore.getState().volumes[ref.seriesInstanceUid];
  if (known) start(known);
}
