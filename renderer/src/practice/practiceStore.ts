import { registerCasePart } from '../case/caseParts';
import { defineSlice } from '../store/rootStore';
import type { PracticeRecord, PracticeSubmitResult } from '../../../shared/ipc/channels/practice';
import type { PracticeTask, ProgressSeries } from '../../../shared/practice/index';
import type { ViewerSeries } from '../store/studyStore';

export type SubmitResult = PracticeSubmitResult;
export type OverlayMode = 'errors' | 'reference' | 'beside' | 'off';

/** The patient's case put aside while a practice case is open: saved, and reopened from its series. */
export interface AsideCase {
  series: ViewerSeries[];
  /** How the panel names it ("DOE^JANE, 20221208"). */
  name: string;
}

interface PracticeState {
  sample: string;
  tasks: PracticeTask[];
  taskId: string;
  /** Sample whose DICOM is open in the viewer for this practice session. */
  openedSample: string | null;
  /** The case that was open before practice; null when there was none or it is back. */
  asideCase: AsideCase | null;
  activityGBq: string;
  busy: string | null;
  result: SubmitResult | null;
  overlay: OverlayMode;
  history: PracticeRecord[];
  series: ProgressSeries[];
  set(patch: Partial<Omit<PracticeState, 'set'>>): void;
}
declare module '../store/rootStore' {
  interface RootState {
    practice: PracticeState;
  }
}

/** UI state of the Practice workspace; masks live in the feedback overlay volume, never here. */
export const usePracticeStore = defineSlice('practice', (set) => ({
  sample: '',
  tasks: [],
  taskId: '',
  openedSample: null,
  asideCase: null,
  activityGBq: '',
  busy: null,
  result: null,
  overlay: 'errors',
  history: [],
  series: [],
  set: (patch) => set(patch),
}));

// A practice result belongs to the case it scored. `busy` stays: a practice case being opened
// says so until it is open.
registerCasePart('practice', {
  reset: () => usePracticeStore.setState({ openedSample: null, result: null, overlay: 'errors', activityGBq: '' }),
});
