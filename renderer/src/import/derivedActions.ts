import type { DerivedSummary, SeriesSummary, StudySummary } from '../../../shared/ipc/channels/dicom';
import type { SrMeasurementList } from '../../../shared/sr/readSrMeasurements';
import { api } from '../api';
import { useAppStore } from '../store/appStore';
import { useStudyStore } from '../store/studyStore';
import { openStudy } from './importActions';

/** Series of the study a derived object was made from (split pieces `uid#2` count as their series). */
export function referencedSeries(study: StudySummary, d: DerivedSummary): SeriesSummary[] {
  const refs = new Set(d.referencedSeriesUids);
  return study.series.filter((s) => refs.has(s.seriesInstanceUid.split('#')[0]!));
}

/**
 * "Load into case" of a SEG or RTSTRUCT in the study browser: opens the study
 * it was drawn on (unless its frame of reference is already on screen), goes
 * to Segment and asks the case to import the file there, through the same
 * import as Segment > Import SEG / NIfTI… (placement, refusals, one undo
 * step); an RTSTRUCT's contours are filled onto the case grid on the way.
 */
export async function loadDerivedIntoCase(study: StudySummary, d: DerivedSummary): Promise<void> {
  const what = d.description || (d.kind === 'SEG' ? 'This SEG' : 'This structure set');
  if (d.unusable) {
    useAppStore.getState().notify('error', `${what} cannot be loaded: ${d.unusable}.`);
    return;
  }
  const frame = d.frameOfReferenceUid || referencedSeries(study, d)[0]?.frameOfReferenceUid;
  const shown = useStudyStore.getState().viewerSeries;
  const onScreen = shown.some((s) => s.studyInstanceUid === study.studyInstanceUid && s.frameOfReferenceUid === frame);
  if (!onScreen) {
    if (!study.series.some((s) => s.isVolume && (!frame || s.frameOfReferenceUid === frame))) {
      useAppStore
        .getState()
        .notify(
          'error',
          `${what} was drawn on images that are not imported (frame of reference ${frame || 'not named'}); import them first.`,
        );
      return;
    }
    await openStudy(study);
    if (!useStudyStore.getState().viewerSeries.some((s) => s.studyInstanceUid === study.studyInstanceUid)) return;
  }
  useStudyStore.getState().requestLabels({ path: d.path, description: d.description || d.summary });
  useAppStore.getState().setWorkspace('segment');
}

/** The measurements of a TID 1500 SR the study browser lists (thrown errors carry the reason). */
export async function readSrMeasurements(d: DerivedSummary): Promise<SrMeasurementList> {
  if (d.unusable) throw new Error(d.unusable);
  return api().invoke('labels:srMeasurements', { path: d.path });
}
