import type { LabelmapSession } from '../segmentation/labelmapSession';
import type { ViewerSeries } from '../store/studyStore';

let nextId = 1;

/**
 * One open case: the series it was opened with, its labelmap once the reference phase exists,
 * the per-case state features keep (caseScoped), and what closing it must undo. Closing a case
 * replaces the session, so nothing a feature keeps here can reach the next patient.
 */
export class CaseSession {
  readonly id = nextId++;
  private state = new Map<symbol, unknown>();
  private disposers: (() => void)[] = [];
  private closedFlag = false;
  private labelmapValue: LabelmapSession | null = null;

  constructor(readonly series: ViewerSeries[]) {}

  get closed(): boolean {
    return this.closedFlag;
  }

  get labelmap(): LabelmapSession | null {
    return this.labelmapValue;
  }

  setLabelmap(labelmap: LabelmapSession): void {
    if (this.closedFlag) throw new Error('The case was closed.');
    this.labelmapValue = labelmap;
    this.onClose(() => labelmap.destroy());
    changed();
  }

  /** Runs fn when this case closes (last registered first). */
  onClose(fn: () => void): void {
    if (this.closedFlag) fn();
    else this.disposers.push(fn);
  }

  scoped<T>(key: symbol, init: () => T): T {
    if (!this.state.has(key)) this.state.set(key, init());
    return this.state.get(key) as T;
  }

  /** Ends what the case holds; errors of one part do not keep the others alive. */
  dispose(): Error[] {
    if (this.closedFlag) return [];
    this.closedFlag = true;
    const errors: Error[] = [];
    for (const fn of this.disposers.reverse()) {
      try {
        fn();
      } catch (e) {
        errors.push(e instanceof Error ? e : new Error(String(e)));
      }
    }
    this.disposers = [];
    this.state.clear();
    this.labelmapValue = null;
    return errors;
  }
}

let current = new CaseSession([]);
const listeners = new Set<() => void>();

function changed(): void {
  for (const fn of [...listeners]) fn();
}

/** The open case (an empty one before any study is opened). */
export function currentCase(): CaseSession {
  return current;
}

/** Makes `next` the open case; the caller has disposed the one before. */
export function replaceCase(next: CaseSession): void {
  current = next;
  changed();
}

/** Called when the open case changes or gets its labelmap. */
export function subscribeCase(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/**
 * Per-case state of a feature, kept on the open session: a new case starts from `init` again,
 * so no value of the previous patient survives a switch.
 */
export function caseScoped<T>(init: () => T): () => T {
  const key = Symbol('case-scoped');
  return () => current.scoped(key, init);
}
