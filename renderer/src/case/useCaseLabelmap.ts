import { useSyncExternalStore } from 'react';
import type { LabelmapSession } from '../segmentation/labelmapSession';
import { currentCase, subscribeCase } from './caseSession';

/** The open case's labelmap, or null until its reference phase exists; re-renders when another case opens. */
export function useCaseLabelmap(): LabelmapSession | null {
  return useSyncExternalStore(subscribeCase, () => currentCase().labelmap);
}
