import { freshCaseFields, useCaseStore } from '../store/caseStore';
import { resetCaseParts, type CaseClosing } from './caseParts';

/**
 * Every piece of UI state that describes the open patient, back to what a fresh case shows: the
 * case store here, each feature's state and overlays through the part it registered (caseParts).
 * Preferences (edit tool, brush size, thresholds, device list, PACS targets) stay.
 */
export function resetCaseState(closing: CaseClosing): void {
  useCaseStore.setState((s) => ({ ...freshCaseFields(), voxelRevision: s.voxelRevision + 1 }));
  resetCaseParts(closing);
}
