import { create } from 'zustand';
import type { PracticeRecord } from '../../../shared/ipc/channels/practice';
import type { PracticeTask, ProgressSeries } from '../../../shared/practice/index';

export type SubmitResult = PracticeRecord & { errorMapZlibBase64: string | null; referenceZlibBase64: string | null };
export type OverlayMode = 'errors' | 'reference' | 'beside' | 'off';

interface PracticeState {
  sample: string;
  tasks: PracticeTask[];
  taskId: string;
  /** Sample whose DICOM is open in the viewer for this practice session. */
  openedSample: string | null;
  activityGBq: string;
  busy: string | null;
  result: SubmitResult | null;
  overlay: OverlayMode;
  history: PracticeRecord[];
  series: ProgressSeries[];
  set(patch: Partial<Omit<PracticeState, 'set'>>): void;
}

/** UI state of the Practice workspace; masks live in the feedback overlay volume, never here. */
export const usePracticeStore = create<PracticeState>((set) => ({
  sample: '',
  tasks: [],
  taskId: '',
  openedSample: null,
  activityGBq: '',
  busy: null,
  result: null,
  overlay: 'errors',
  history: [],
  series: [],
  set: (patch) => set(patch),
}));
