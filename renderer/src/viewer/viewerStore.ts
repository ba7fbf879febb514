import { defineSlice } from '../store/rootStore';
import type { ViewerLayout } from '../../../shared/viewer/planViewports';
import type { LoadProgress } from './loadSeriesVolume';

/** Viewer UI state keyed by series uid; the voxels stay in Cornerstone's cache. */
interface ViewerState {
  layout: ViewerLayout;
  /** Index (into viewerSeries) of the active phase. */
  active: number;
  /** The viewport keys and presets act on (its series becomes the active phase). */
  activeViewportId: string;
  /** Volume id per series uid once its volume exists (pixels may still be streaming). */
  volumes: Record<string, string>;
  progress: Record<string, LoadProgress>;
  syncVoi: boolean;
  crosshairs: boolean;
  cine: boolean;
  help: boolean;
  vrPreset: string;
  setLayout(layout: ViewerLayout): void;
  setActiveViewport(id: string, seriesIndex?: number): void;
  setVolume(seriesUid: string, volumeId: string): void;
  setProgress(seriesUid: string, p: LoadProgress): void;
  reset(): void;
  toggle(key: 'syncVoi' | 'crosshairs' | 'cine' | 'help'): void;
  setVrPreset(name: string): void;
}

declare module '../store/rootStore' {
  interface RootState {
    viewer: ViewerState;
  }
}

export const useViewerStore = defineSlice('viewer', (set) => ({
  layout: 'phases',
  active: 0,
  activeViewportId: 'phase-0',
  volumes: {},
  progress: {},
  syncVoi: true,
  crosshairs: false,
  cine: false,
  help: false,
  vrPreset: 'CT-Liver-Vasculature',
  setLayout: (layout) => set({ layout }),
  setActiveViewport: (activeViewportId, seriesIndex) =>
    set((s) => ({ activeViewportId, active: seriesIndex ?? s.active })),
  setVolume: (uid, volumeId) => set((s) => ({ volumes: { ...s.volumes, [uid]: volumeId } })),
  setProgress: (uid, p) => set((s) => ({ progress: { ...s.progress, [uid]: p } })),
  reset: () =>
    set({ volumes: {}, progress: {}, active: 0, activeViewportId: 'phase-0', layout: 'phases', cine: false }),
  toggle: (key) => set((s) => ({ [key]: !s[key] }) as Partial<ViewerState>),
  setVrPreset: (vrPreset) => set({ vrPreset }),
}));
