import { defineSlice } from './rootStore';
import type { VolumeOpenInfo } from '../../../shared/dicom/volumeOpenInfo';
import type { ScanResult, SeriesSummary, StudySummary } from '../../../shared/ipc/channels/dicom';

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

/** A labels file (derived SEG) the study browser asked to load into the case once it is open. */
export interface LabelsRequest {
  path: string;
  description: string;
}

interface StudyState {
  studies: StudySummary[];
  unreadable: ScanResult['unreadable'];
  /** Extra copies of instances from the last scan, with the file kept instead. */
  duplicates: ScanResult['duplicates'];
  scan: ScanProgress | null;
  /** The series the viewer shows, in hanging order (first = active). */
  viewerSeries: ViewerSeries[];
  /** Set by the study browser's "Load into case"; the Segment workspace's import takes it and clears it. */
  labelsRequest: LabelsRequest | null;
  setStudies(
    studies: StudySummary[],
    unreadable?: ScanResult['unreadable'],
    duplicates?: ScanResult['duplicates'],
  ): void;
  setScan(scan: ScanProgress | null): void;
  showInViewer(series: ViewerSeries[]): void;
  requestLabels(r: LabelsRequest | null): void;
}

declare module './rootStore' {
  interface RootState {
    study: StudyState;
  }
}

export const useStudyStore = defineSlice('study', (set) => ({
  studies: [],
  unreadable: [],
  duplicates: [],
  scan: null,
  viewerSeries: [],
  labelsRequest: null,
  setStudies: (studies, unreadable = [], duplicates = []) => set({ studies, unreadable, duplicates }),
  setScan: (scan) => set({ scan }),
  showInViewer: (viewerSeries) => set({ viewerSeries }),
  requestLabels: (labelsRequest) => set({ labelsRequest }),
}));

/** A series of the study browser as the viewer shows it (what to fetch, how to label it, what to warn). */
export function toViewerSeries(study: StudySummary, s: SeriesSummary): ViewerSeries {
  return {
    studyInstanceUid: study.studyInstanceUid,
    seriesInstanceUid: s.seriesInstanceUid,
    frameOfReferenceUid: s.frameOfReferenceUid,
    modality: s.modality,
    description: s.description,
    seriesNumber: s.seriesNumber,
    phase: s.phaseOverride ? { label: s.phaseOverride, confidence: 1, reason: 'set by the user' } : s.phase,
    fileIds: s.fileIds,
    openInfo: s.openInfo ?? null,
    patientName: study.patientName,
    patientId: study.patientId,
    studyDate: study.studyDate,
    // Errors refuse measurement; a tilted or unevenly spaced stack is shown and measured resampled.
    warnings: s.findings
      .filter((f) => f.severity === 'error' || f.code === 'gantry-tilt' || f.code === 'non-uniform-spacing')
      .map((f) =>
        f.severity === 'error'
          ? f.message
          : `${f.message} The viewer shows and measures this resampled grid, as liverplan volumetry does.`,
      ),
  };
}
