import { useAblationStore } from '../ablation/ablationStore';
import { useConfirmStore } from '../confirm/confirmStore';
import { usePlanStore } from '../plan/planStore';
import { usePracticeStore } from '../practice/practiceStore';
import { useReportStore } from '../report/reportStore';
import { freshCaseFields, useCaseStore } from '../store/caseStore';

/**
 * Every piece of UI state that describes the open patient, back to what a fresh case shows.
 * Preferences (edit tool, brush size, thresholds, device list, PACS targets) stay.
 */
export function resetCaseState(): void {
  useCaseStore.setState((s) => ({ ...freshCaseFields(), voxelRevision: s.voxelRevision + 1 }));
  useAblationStore.setState({
    applicators: [],
    selectedId: null,
    placing: null,
    draftTip: null,
    crossings: {},
    analysis: null,
    busy: false,
    error: '',
  });
  useConfirmStore.getState().reset();
  usePlanStore.setState({ draft: usePlanStore.getInitialState().draft });
  useReportStore.setState((s) => ({
    inputs: { ...s.inputs, indication: '', procedure: '' },
    keyImages: [],
    caseId: null,
    model: null,
    pdfByteLength: 0,
  }));
  // `busy` stays: a practice case being opened says so until it is open.
  usePracticeStore.setState({ openedSample: null, result: null, overlay: 'errors', activityGBq: '' });
}
