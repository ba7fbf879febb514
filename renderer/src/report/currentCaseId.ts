import { api } from '../api';
import { referenceSeries } from '../segmentation';
import { useStudyStore } from '../store/studyStore';

/**
 * The case-store id of the study on screen: the case of the same patient,
 * study and reference series (the match caseAutosave opens by). Null when the
 * study has not been saved as a case yet.
 */
export async function currentCaseId(): Promise<string | null> {
  const ref = referenceSeries(useStudyStore.getState().viewerSeries);
  if (!ref) return null;
  const a = api();
  const list = await a.invoke('case:list', {});
  for (const c of list.filter((x) => x.patientId === ref.patientId && x.studyDate === ref.studyDate)) {
    const opened = await a.invoke('case:open', { caseId: c.caseId });
    if (
      opened.document.study.studyInstanceUid === ref.studyInstanceUid &&
      opened.document.referenceSeriesUid === ref.seriesInstanceUid
    )
      return c.caseId;
  }
  return null;
}
