import { registerCasePart } from '../case/caseParts';
import { defineSlice } from '../store/rootStore';
import type { ApplicatorPlacement } from '../../../shared/ablation/applicatorFromDevice';
import type { AblationAnalysis } from '../../../shared/ablation/analyseAblation';
import type { PathCrossing } from '../../../shared/ablation/pathCrossings';
import type { DeviceCatalogueMessage } from '../../../shared/ipc/channels/devices';
import { MEASUREMENT_RULES } from '../../../shared/volume/measurementRules';
import type { Vec3 } from '../../../shared/volume/grid';

export type Catalogue = DeviceCatalogueMessage['entries'];

/** Thresholds the radiologist may change; defaults from the rule data. */
export interface AblationSettings {
  targetMm: number;
  heatSinkMinDiameterMm: number;
  heatSinkProximityMm: number;
  criticalThresholdMm: number;
}

/** What a click on a view does: set the tip or entry of the new or selected applicator. */
export type Placing = { point: 'tip' | 'entry'; applicatorId: string | null } | null;

export type AnalysisSummary = Omit<AblationAnalysis, 'overlay'>;

interface AblationState {
  catalogue: Catalogue;
  rejected: DeviceCatalogueMessage['rejected'];
  applicators: ApplicatorPlacement[];
  selectedId: string | null;
  /** Device setting for the next applicator (and shown for the selected one). */
  settingId: string;
  placing: Placing;
  /** Tip of an applicator whose entry is still to be clicked. */
  draftTip: Vec3 | null;
  settings: AblationSettings;
  crossings: Record<string, PathCrossing[]>;
  analysis: AnalysisSummary | null;
  busy: boolean;
  error: string;
  setCatalogue(c: DeviceCatalogueMessage): void;
  setSetting(id: string): void;
  setPlacing(p: Placing): void;
  setDraftTip(p: Vec3 | null): void;
  /** Replaces the list (a case opened: its saved applicators). */
  setApplicators(list: ApplicatorPlacement[]): void;
  addApplicator(a: ApplicatorPlacement): void;
  updateApplicator(id: string, patch: Partial<ApplicatorPlacement>): void;
  removeApplicator(id: string): void;
  select(id: string | null): void;
  setSettings(patch: Partial<AblationSettings>): void;
  setCrossings(c: Record<string, PathCrossing[]>): void;
  setAnalysis(a: AnalysisSummary | null, busy: boolean, error?: string): void;
}
declare module '../store/rootStore' {
  interface RootState {
    ablation: AblationState;
  }
}

/** Ablation UI state; voxels (zone, margin map) live in the overlay labelmap, never here. */
export const useAblationStore = defineSlice('ablation', (set, get) => ({
  catalogue: [],
  rejected: [],
  applicators: [],
  selectedId: null,
  settingId: '',
  placing: null,
  draftTip: null,
  settings: {
    targetMm: MEASUREMENT_RULES.marginTarget.value,
    heatSinkMinDiameterMm: MEASUREMENT_RULES.heatSinkVesselDiameter.value,
    heatSinkProximityMm: MEASUREMENT_RULES.heatSinkProximity.value,
    criticalThresholdMm: MEASUREMENT_RULES.criticalStructureProximity.value,
  },
  crossings: {},
  analysis: null,
  busy: false,
  error: '',
  setCatalogue: (c) =>
    set({ catalogue: c.entries, rejected: c.rejected, settingId: get().settingId || (c.entries[0]?.id ?? '') }),
  setSetting: (settingId) => {
    const { selectedId, catalogue } = get();
    set({ settingId });
    const row = catalogue.find((e) => e.id === settingId);
    if (selectedId && row) get().updateApplicator(selectedId, { settingId, deviceId: row.device });
  },
  setPlacing: (placing) => set({ placing }),
  setDraftTip: (draftTip) => set({ draftTip }),
  setApplicators: (applicators) => set({ applicators, selectedId: null, placing: null, draftTip: null }),
  addApplicator: (a) => set((s) => ({ applicators: [...s.applicators, a], selectedId: a.id })),
  updateApplicator: (id, patch) =>
    set((s) => ({ applicators: s.applicators.map((a) => (a.id === id ? { ...a, ...patch } : a)) })),
  removeApplicator: (id) =>
    set((s) => ({
      applicators: s.applicators.filter((a) => a.id !== id),
      selectedId: s.selectedId === id ? null : s.selectedId,
    })),
  select: (selectedId) => {
    const a = get().applicators.find((x) => x.id === selectedId);
    set({ selectedId, ...(a ? { settingId: a.settingId } : {}) });
  },
  setSettings: (patch) => set((s) => ({ settings: { ...s.settings, ...patch } })),
  setCrossings: (crossings) => set({ crossings }),
  setAnalysis: (analysis, busy, error = '') => set({ analysis, busy, error }),
}));

// The applicators are the open case's (renderer/src/case/caseParts).
registerCasePart('ablation', {
  save: () => ({ applicators: useAblationStore.getState().applicators }),
  restore: (doc) => useAblationStore.getState().setApplicators(doc.applicators),
  watch: (changed) => useAblationStore.subscribe((s, prev) => s.applicators !== prev.applicators && changed()),
  reset: () =>
    useAblationStore.setState({
      applicators: [],
      selectedId: null,
      placing: null,
      draftTip: null,
      crossings: {},
      analysis: null,
      busy: false,
      error: '',
    }),
});
