import type { CaseDocument } from '../../../shared/case/model';

/** The case document fields the features keep (the case session keeps segments and labels). */
export type CasePartFields = Partial<
  Pick<CaseDocument, 'planInput' | 'applicators' | 'confirmation' | 'territories' | 'targetTerritoryId'>
>;

/**
 * A feature's share of the open case. The feature registers it from its own module, so the case
 * session saves, restores and resets every feature's work without importing any of them.
 */
export interface CasePart {
  /** The fields it saves with the case (none for state that is never saved, e.g. a report preview). */
  save(): CasePartFields;
  /** Takes its fields from an opened case (after reset). */
  restore(doc: CaseDocument): void;
  /** Calls changed whenever a saved field changes; returns the unsubscribe. */
  watch(changed: () => void): () => void;
  /**
   * Back to what a fresh case shows (another patient is being opened): its state and whatever it
   * drew on the views. Preferences stay.
   */
  reset(closing: CaseClosing): void;
}

/** What a part's reset may need to know of the case being closed. */
export interface CaseClosing {
  /** The case had a labelmap, so the viewer's views were set up for it. */
  viewerShown: boolean;
}

const parts = new Map<string, CasePart>();

/** Registers a feature's part (again under the same name: replaces it, as a hot reload does). */
export function registerCasePart(name: string, part: Partial<CasePart> & Pick<CasePart, 'reset'>): void {
  parts.set(name, { save: () => ({}), restore: () => {}, watch: () => () => {}, ...part });
}

export function savedCaseParts(): CasePartFields {
  return Object.assign({}, ...[...parts.values()].map((p) => p.save())) as CasePartFields;
}

export function restoreCaseParts(doc: CaseDocument): void {
  for (const p of parts.values()) p.restore(doc);
}

export function watchCaseParts(changed: () => void): () => void {
  const offs = [...parts.values()].map((p) => p.watch(changed));
  return () => {
    for (const off of offs) off();
  };
}

export function resetCaseParts(closing: CaseClosing): void {
  for (const p of parts.values()) p.reset(closing);
}
