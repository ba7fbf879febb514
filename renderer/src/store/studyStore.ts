import { create } from 'zustand';
import type { VolumeOpenInfo } from '../../../shared/dicom/volumeOpenInfo';
import type { ScanResult, StudySummary } from '../../../shared/ipc/channels/dicom';

/** A series as the viewer needs it: what to fetch (file ids) and how to label it. */
export interface ViewerSeries {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  frameOfReferenceUid: string;
  modality: string;
  description: string;
  seriesNumber: number;
  /** Phase label (shared/dicom phase labels: arterial, portal_venous, ...) and why. */
  phase: { label: string; confidence: number; reason: string };
  /** /files/<id> ids of the instances, sorted along the slice normal. */
  fileIds: string[];
  patientName: string;
  patientId: string;
  studyDate: string;
  /** Plane positions and pixel format from the scan: the volume is built before any file is read. */
  openInfo?: VolumeOpenInfo | null;
  /** Geometry findings that refuse measurement (the viewer shows them as a banner). */
  warnings: string[];
}

export interface ScanProgress {
  jobId: string;
  label: string;
  done: number;
  total: number;
}

interface StudyState {
  studies: StudySummary[];
  unreadable: ScanResult['unreadable'];
  scan: ScanProgress | null;
  /** The series the viewer shows, in hanging order (first = active). */
  viewerSeries: ViewerSeries[];
  setStudies(studies: StudySummary[], unreadable?: ScanResult['unreadable']): void;
  setScan(scan: ScanProgress | null): void;
  showInViewer(series: ViewerSeries[]): void;
}

export const useStudyStore = create<StudyState>((set) => ({
  studies: [],
  unreadable: [],
  scan: null,
  viewerSeries: [],
  setStudies: (studies, unreadable = []) => set({ studies, unreadable }),
  setScan: (scan) => set({ scan }),
  showInViewer: (viewerSeries) => set({ viewerSeries }),
}));
