import { defineSlice } from './rootStore';

export type WorkspaceId =
  'start' | 'view' | 'segment' | 'plan' | 'ablation' | 'confirm' | 'report' | 'practice' | 'selftest';

export interface Notice {
  id: number;
  kind: 'error' | 'info' | 'success';
  /** What happened and what to do, in a radiologist's words. */
  message: string;
}

interface AppState {
  workspace: WorkspaceId;
  notices: Notice[];
  setWorkspace(w: WorkspaceId): void;
  notify(kind: Notice['kind'], message: string): void;
  dismiss(id: number): void;
}

let nextNotice = 1;
declare module './rootStore' {
  interface RootState {
    app: AppState;
  }
}

/** UI state only: voxel data never lives in the store (see architecture.md, Segment). */
export const useAppStore = defineSlice('app', (set) => ({
  workspace: 'start',
  notices: [],
  setWorkspace: (workspace) => set({ workspace }),
  notify: (kind, message) => set((s) => ({ notices: [...s.notices.slice(-4), { id: nextNotice++, kind, message }] })),
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
}));

/** Reports an error to the user and to the support log. */
export function reportError(context: string, e: unknown): void {
  const message = e instanceof Error ? e.message : String(e);
  useAppStore.getState().notify('error', `${context}: ${message}`);
  void window.liverplan
    ?.invoke('log:error', {
      message: `${context}: ${message}`.slice(0, 4000),
      stack: e instanceof Error ? e.stack?.slice(0, 20000) : undefined,
      context: context.slice(0, 200),
    })
    .catch(() => undefined);
}
