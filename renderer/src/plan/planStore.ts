import { registerCasePart } from '../case/caseParts';
import { defineSlice } from '../store/rootStore';
import { draftToInput, mergeDraft, setAtPath, type Draft } from '../../../shared/planning/draft';
import { planInputDefaults } from '../../../shared/planning/index';
import { planInputProblems, type InputProblem } from '../../../shared/planning/inputProblems';
import type { PlanSettings } from '../../../shared/planning/settings';

interface PlanState {
  /** The form's values, JSON-shaped; validated by evaluatePlan on every change. */
  draft: Draft;
  /** Every missing or invalid input of the draft, in clinician words; kept with the draft so
   *  each field and the outcomes panel read the same list without validating again. */
  problems: InputProblem[];
  settings: PlanSettings;
  setField(path: string, value: unknown): void;
  setDraft(draft: Draft): void;
  setSettings(settings: PlanSettings): void;
}

const problemsOf = (draft: Draft) => planInputProblems(draftToInput(draft));
const initialDraft = mergeDraft(planInputDefaults() as unknown as Draft, { plannedModality: 'SIRT' });

declare module '../store/rootStore' {
  interface RootState {
    plan: PlanState;
  }
}

export const usePlanStore = defineSlice('plan', (set) => ({
  draft: initialDraft,
  problems: problemsOf(initialDraft),
  settings: {},
  setField: (path, value) => set((s) => ({ draft: setAtPath(s.draft, path, value) })),
  setDraft: (draft) => set({ draft: mergeDraft(planInputDefaults() as unknown as Draft, draft) }),
  setSettings: (settings) => set({ settings }),
}));

// Recomputed on every draft change, including a case reset that sets the draft directly.
usePlanStore.subscribe((s, prev) => {
  if (s.draft !== prev.draft) usePlanStore.setState({ problems: problemsOf(s.draft) });
});

/** The problem shown beside one form control (a primitive, so the selector stays stable). */
export function useFieldProblem(field: string): { kind: InputProblem['kind']; message: string } | undefined {
  const kind = usePlanStore((s) => s.problems.find((p) => p.field === field)?.kind);
  const message = usePlanStore((s) => s.problems.find((p) => p.field === field)?.message);
  return kind && message ? { kind, message } : undefined;
}

// The plan inputs are the open case's (renderer/src/case/caseParts).
registerCasePart('plan', {
  save: () => ({ planInput: usePlanStore.getState().draft }),
  restore: (doc) => {
    if (doc.planInput) usePlanStore.getState().setDraft(doc.planInput);
  },
  watch: (changed) => usePlanStore.subscribe((s, prev) => s.draft !== prev.draft && changed()),
  reset: () => usePlanStore.setState({ draft: usePlanStore.getInitialState().draft }),
});
