import { create } from 'zustand';

/** What the planning, ablation and report screens need from the case's measurements. */
export interface MeasureSummary {
  liverMl: number;
  tumourMl: number;
  burdenPercent: number;
  lesions: { id: string; label: number; volumeMl: number; diameterMm: number; lobe?: 'left' | 'right' | 'caudate' }[];
}

interface MeasureState {
  summary: MeasureSummary | null;
  setSummary(summary: MeasureSummary | null): void;
}

/** Filled by the segmentation statistics (worker results); read by Plan, Ablation and Report. */
export const useMeasureStore = create<MeasureState>((set) => ({
  summary: null,
  setSummary: (summary) => set({ summary }),
}));
