import type { SeriesNode, StudyNode } from './buildStudyTree';
import type { DerivedObject } from './derivedObject';

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
    derived: st.derived.map(derivedSummary),
  };
}

/** A derived object as `scan --json` and the study browser list it (study fields live on the study). */
export function derivedSummary(d: DerivedObject) {
  return {
    path: d.path,
    kind: d.kind,
    sopClassUid: d.sopClassUid,
    sopInstanceUid: d.sopInstanceUid,
    seriesInstanceUid: d.seriesInstanceUid,
    frameOfReferenceUid: d.frameOfReferenceUid,
    modality: d.modality,
    seriesNumber: d.seriesNumber,
    description: d.seriesDescription,
    referencedSeriesUids: [...d.referencedSeriesUids],
    summary: d.summary,
    ...(d.unusable ? { unusable: d.unusable } : {}),
  };
}
