import type { SeriesNode, StudyNode } from './buildStudyTree';

/** The `liverplan scan --json` shape of a series (no per-plane data). */
export function seriesSummary(s: SeriesNode) {
  return {
    seriesInstanceUid: s.seriesInstanceUid,
    frameOfReferenceUid: s.frameOfReferenceUid,
    modality: s.modality,
    description: s.description,
    seriesNumber: s.seriesNumber,
    imageCount: s.imageCount,
    rows: s.rows,
    columns: s.columns,
    spacing: s.spacing,
    origin: s.origin,
    direction: s.direction,
    isVolume: s.isVolume,
    phase: { ...s.phase },
    findings: s.findings.map((f) => ({ ...f })),
  };
}

export function studySummary(st: StudyNode) {
  return {
    studyInstanceUid: st.studyInstanceUid,
    patientId: st.patientId,
    patientName: st.patientName,
    studyDate: st.studyDate,
    description: st.description,
    series: st.series.map(seriesSummary),
  };
}
