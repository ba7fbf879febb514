import { create } from 'zustand';
import { mergeDraft, setAtPath, type Draft } from '../../../shared/planning/draft';
import { planInputDefaults } from '../../../shared/planning/index';
import type { PlanSettings } from '../../../shared/planning/settings';

interface PlanState {
  /** The form's values, JSON-shaped; validated by evaluatePlan on every change. */
  draft: Draft;
  settings: PlanSettings;
  setField(path: string, value: unknown): void;
  setDraft(draft: Draft): void;
  setSettings(settings: PlanSettings): void;
}

export const usePlanStore = create<PlanState>((set) => ({
  draft: mergeDraft(planInputDefaults() as unknown as Draft, { plannedModality: 'SIRT' }),
  settings: {},
  setField: (path, value) => set((s) => ({ draft: setAtPath(s.draft, path, value) })),
  setDraft: (draft) => set({ draft: mergeDraft(planInputDefaults() as unknown as Draft, draft) }),
  setSettings: (settings) => set({ settings }),
}));
