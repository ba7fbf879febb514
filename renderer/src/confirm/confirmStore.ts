import { defineSlice } from '../store/rootStore';
import type { ConfirmationResult } from '../../../shared/ablation/confirmMargin';
import type { Confirmation } from '../../../shared/case/model';
import type { Vec3 } from '../../../shared/volume/grid';
import type { LandmarkRegistration } from '../../../shared/volume/registration';

export interface LandmarkPair {
  pre: Vec3 | null;
  post: Vec3 | null;
}

/** What a left click on a view does while the Confirm tab is open. */
export type ConfirmMode = 'zone' | 'landmark' | null;

export interface Refinement {
  matrix: number[];
  /** How far the refinement moved the tumour region (mm), and the similarity before/after. */
  changeMm: number;
  metricBefore: number;
  metricAfter: number;
  improved: boolean;
}

export type ConfirmSummary = Omit<ConfirmationResult, 'overlay'>;

interface ConfirmState {
  postSeriesUid: string | null;
  mode: ConfirmMode;
  pairs: LandmarkPair[];
  /** Landmark registration from the complete pairs (null below three, or with the error in `registrationError`). */
  registration: LandmarkRegistration | null;
  registrationError: string | null;
  refinement: Refinement | null;
  tumourLabel: number | null;
  /** Zone voxels on the post series (the mask itself lives in the post overlay). */
  zoneVoxels: number;
  zoneVolumeMl: number;
  /**
   * Counts zone changes (edits, undo, restore): the zone's voxels live in the post overlay and its
   * file with the case session (confirmActions), never in the store.
   */
  zoneRevision: number;
  /** A zone restored with the case waits for the post volume to load before it is drawn. */
  zonePending: boolean;
  result: ConfirmSummary | null;
  busy: { label: string; fraction: number } | null;
  error: string | null;
  note: string;
  set(patch: Partial<Omit<ConfirmState, 'set' | 'reset'>>): void;
  reset(): void;
}

const initial = {
  postSeriesUid: null,
  mode: null,
  pairs: [],
  registration: null,
  registrationError: null,
  refinement: null,
  tumourLabel: null,
  zoneVoxels: 0,
  zoneVolumeMl: 0,
  zoneRevision: 0,
  zonePending: false,
  result: null,
  busy: null,
  error: null,
  note: '',
} satisfies Partial<ConfirmState>;

declare module '../store/rootStore' {
  interface RootState {
    confirm: ConfirmState;
  }
}

export const useConfirmStore = defineSlice('confirm', (set) => ({
  ...initial,
  set: (patch) => set(patch),
  reset: () => set(initial),
}));

/** The transform in use: the refined one when it exists, else the landmark one. */
export function currentMatrix(s: Pick<ConfirmState, 'registration' | 'refinement'>): number[] | null {
  return s.refinement?.matrix ?? s.registration?.matrix ?? null;
}

/** The persisted part (the case document's `confirmation`), without the zone bytes. */
export function persistedConfirmation(s: ConfirmState, zoneBase64: string | null): Confirmation | undefined {
  if (!s.postSeriesUid) return undefined;
  return {
    postSeriesUid: s.postSeriesUid,
    pairs: s.pairs,
    refinedMatrix: s.refinement?.matrix ?? null,
    tumourLabel: s.tumourLabel,
    zoneBase64,
  };
}
