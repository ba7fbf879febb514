import type { Vec3 } from '../volume/grid';
import { classifyPhases, type Phase } from './classifyPhases';
import type { DerivedObject } from './derivedObject';
import type { Finding } from './findings';
import { GEOMETRY_TOLERANCES as TOL } from './geometryTolerances';
import type { FrameGeometry, InstanceHeader } from './instanceHeader';
import { volumeOpenInfo, type VolumeOpenInfo } from './volumeOpenInfo';
import { stackGeometry, type SlicePlane, type StackGeometry } from './stackGeometry';

/** One image plane of a series: a file, and the frame inside it (0 for single-frame). */
export interface PlaneRef {
  path: string;
  sopInstanceUid: string;
  frame: number;
}

export interface SeriesNode {
  /** The SeriesInstanceUID; pieces split off a mixed series get `#2`, `#3`... appended. */
  seriesInstanceUid: string;
  frameOfReferenceUid: string;
  modality: string;
  description: string;
  seriesNumber: number;
  imageCount: number;
  rows: number;
  columns: number;
  spacing: Vec3;
  origin: Vec3;
  direction: number[];
  isVolume: boolean;
  /** False when an error finding refuses measurement. */
  measurable: boolean;
  phase: Phase;
  findings: Finding[];
  /** Planes sorted along the slice normal (the order the volume is built in). */
  planes: PlaneRef[];
  /** Null for stacks without usable geometry (localizers, missing tags, single images). */
  stack: StackGeometry | null;
  /** The first instance's header: pixel format, rescale, transfer syntax. */
  header: InstanceHeader;
  /** Positions and shared pixel format for opening the volume without re-reading headers (null: read them). */
  openInfo: VolumeOpenInfo | null;
}

export interface StudyNode {
  studyInstanceUid: string;
  patientId: string;
  patientName: string;
  studyDate: string;
  description: string;
  series: SeriesNode[];
  /** SEG, SR, RTSTRUCT, KO, PR, PDF, RT objects of the study (sorted by series number). */
  derived: DerivedObject[];
}

export interface StudyTree {
  studies: StudyNode[];
}

interface Plane {
  header: InstanceHeader;
  frame: number;
  geometry: FrameGeometry;
}

const round = (v: number) => Math.round(v / TOL.orientationCosine);

/** Key that separates planes which cannot share one volume: orientation, size, pixel spacing. */
function shapeKey(p: Plane): string {
  const g = p.geometry;
  const o = g.orientation ? g.orientation.map(round).join(',') : 'no-orientation';
  const ps = g.pixelSpacing ? g.pixelSpacing.map((v) => v.toFixed(4)).join(',') : 'no-spacing';
  return `${p.header.rows}x${p.header.columns}|${o}|${ps}`;
}

function planesOf(h: InstanceHeader): Plane[] {
  if (h.frames && h.frames.length > 0) return h.frames.map((geometry, frame) => ({ header: h, frame, geometry }));
  if (h.numberOfFrames > 1) {
    // Legacy multi-frame without per-frame positions: geometry of frame 0 only.
    return Array.from({ length: h.numberOfFrames }, (_, frame) => ({
      header: h,
      frame,
      geometry: frame === 0 ? h.geometry : { ...h.geometry, position: null },
    }));
  }
  return [{ header: h, frame: 0, geometry: h.geometry }];
}

const isLocalizer = (h: InstanceHeader) =>
  h.imageType.includes('LOCALIZER') || /\b(scout|topogram|localizer|surview|scanogram)\b/i.test(h.seriesDescription);

function hasGeometry(p: Plane): p is Plane & {
  geometry: { position: Vec3; orientation: NonNullable<FrameGeometry['orientation']>; pixelSpacing: [number, number] };
} {
  return Boolean(p.geometry.position && p.geometry.orientation && p.geometry.pixelSpacing);
}

function groupBy<T>(items: T[], key: (t: T) => string): T[][] {
  const m = new Map<string, T[]>();
  for (const t of items) {
    const k = key(t);
    const list = m.get(k);
    if (list) list.push(t);
    else m.set(k, [t]);
  }
  return [...m.values()];
}

/** Tags that tell time points of one series apart, most specific first. */
const SPLIT_TAGS: Array<{ name: string; get: (h: InstanceHeader) => number }> = [
  { name: 'TemporalPositionIdentifier', get: (h) => h.temporalPosition },
  { name: 'AcquisitionNumber', get: (h) => h.acquisitionNumber },
  { name: 'AcquisitionTime', get: (h) => h.acquisitionTime },
];

interface Piece {
  planes: Plane[];
  findings: Finding[];
  localizer: boolean;
}

/** Splits one SeriesInstanceUID into stacks that can each be one volume (or are plainly not). */
function splitSeries(planes: Plane[], derived: boolean): Piece[] {
  const base: Finding[] = derived
    ? [
        {
          code: 'derived-uids',
          severity: 'info',
          message: 'Some UIDs were missing; the series was grouped by study, modality, series number and description.',
        },
      ]
    : [];
  const loc = planes.filter((p) => isLocalizer(p.header));
  const rest = planes.filter((p) => !isLocalizer(p.header));
  const pieces: Piece[] = [];
  if (loc.length) {
    pieces.push({
      planes: loc,
      localizer: true,
      findings: [
        ...base,
        { code: 'localizer', severity: 'info', message: `${loc.length} localizer image(s) (scout); not a volume.` },
      ],
    });
  }
  const noGeo = rest.filter((p) => !hasGeometry(p));
  const withGeo = rest.filter(hasGeometry);
  if (noGeo.length) {
    pieces.push({
      planes: noGeo,
      localizer: false,
      findings: [
        ...base,
        {
          code: 'missing-geometry',
          severity: 'error',
          message: `${noGeo.length} image(s) lack ImagePositionPatient, ImageOrientationPatient or PixelSpacing; cannot be placed in patient space.`,
        },
      ],
    });
  }
  const shapes = groupBy(withGeo, shapeKey).sort((a, b) => b.length - a.length);
  for (const group of shapes) {
    const f = [...base];
    if (shapes.length > 1) {
      f.push({
        code: 'mixed-orientation',
        severity: 'warning',
        message: `The series mixes ${shapes.length} orientations or image sizes; split into separate stacks (this one: ${group.length} image(s)).`,
      });
    }
    // Repeated positions from several time points (a dynamic or multi-phase series under one UID):
    // split by the first tag that makes every position unique within each part.
    const posKey = (p: Plane) => p.geometry.position!.map((v) => v.toFixed(2)).join(',');
    const unique = (ps: Plane[]) => new Set(ps.map(posKey)).size === ps.length;
    const split = unique(group)
      ? null
      : SPLIT_TAGS.map((t) => ({ t, parts: groupBy(group, (p) => String(t.get(p.header))) })).find(
          (c) => c.parts.length > 1 && c.parts.every(unique),
        );
    if (split) {
      for (const part of split.parts)
        pieces.push({
          planes: part,
          localizer: false,
          findings: [
            ...f,
            {
              code: 'duplicate-positions',
              severity: 'info',
              message: `Repeated positions came from ${split.parts.length} time points; split by ${split.t.name} (this one: ${split.t.get(part[0]!.header)}).`,
            },
          ],
        });
    } else pieces.push({ planes: group, localizer: false, findings: f });
  }
  return pieces;
}

function toSlice(p: Plane): SlicePlane {
  return {
    position: p.geometry.position!,
    orientation: p.geometry.orientation!,
    pixelSpacing: p.geometry.pixelSpacing!,
    rows: p.header.rows,
    columns: p.header.columns,
  };
}

function buildSeries(uid: string, piece: Piece): Omit<SeriesNode, 'phase'> {
  const h = piece.planes[0]!.header;
  const findings = [...piece.findings];
  let stack: StackGeometry | null = null;
  let planes = piece.planes;
  const geometric = !piece.localizer && piece.planes.every(hasGeometry);
  if (geometric) {
    stack = stackGeometry(piece.planes.map(toSlice));
    planes = stack.order.map((i) => piece.planes[i]!);
    findings.push(...stack.findings);
  }
  if (planes.length === 1 && !piece.localizer) {
    findings.push({ code: 'single-image', severity: 'info', message: 'A single image; not a volume.' });
  }
  const isVolume =
    Boolean(stack) && planes.length > 1 && !stack!.findings.some((f) => f.code === 'duplicate-positions');
  const g = stack?.grid;
  const ps = h.geometry.pixelSpacing;
  return {
    seriesInstanceUid: uid,
    frameOfReferenceUid: h.frameOfReferenceUid,
    modality: h.modality,
    description: h.seriesDescription,
    seriesNumber: h.seriesNumber,
    imageCount: planes.length,
    rows: h.rows,
    columns: h.columns,
    spacing: g ? g.spacing : [ps?.[1] ?? 1, ps?.[0] ?? 1, 1],
    origin: g ? g.origin : ((h.geometry.position ?? [0, 0, 0]) as Vec3),
    direction: g ? [...g.direction] : [1, 0, 0, 0, 1, 0, 0, 0, 1],
    isVolume,
    measurable: isVolume && !findings.some((f) => f.severity === 'error'),
    findings,
    planes: planes.map((p) => ({ path: p.header.path, sopInstanceUid: p.header.sopInstanceUid, frame: p.frame })),
    stack,
    header: h,
    openInfo: isVolume ? volumeOpenInfo(planes) : null,
  };
}

/**
 * Groups instance headers into patient > study > series (and hangs derived
 * objects under their study), splits series that
 * mix orientations, sizes or localizers, computes each stack's geometry and
 * findings, and recognises phases. Pure: the renderer, main process and CLI
 * all call it on headers from extractHeader().
 */
export function buildStudyTree(headers: InstanceHeader[], derived: DerivedObject[] = []): StudyTree {
  const seen = new Set<string>();
  const unique = headers.filter((h) => (seen.has(h.sopInstanceUid) ? false : (seen.add(h.sopInstanceUid), true)));
  const derivedOf = new Map<string, DerivedObject[]>();
  for (const d of derived) derivedOf.set(d.studyInstanceUid, [...(derivedOf.get(d.studyInstanceUid) ?? []), d]);
  const attached = (uid: string) =>
    (derivedOf.get(uid) ?? []).sort((a, b) => a.seriesNumber - b.seriesNumber || a.path.localeCompare(b.path));
  const studies = groupBy(unique, (h) => h.studyInstanceUid).map((studyHeaders): StudyNode => {
    const h0 = studyHeaders[0]!;
    const series: Array<Omit<SeriesNode, 'phase'>> = [];
    for (const sh of groupBy(studyHeaders, (h) => h.seriesInstanceUid)) {
      const pieces = splitSeries(
        sh.flatMap(planesOf),
        sh.some((h) => h.derivedUids.length > 0),
      );
      // The largest stack keeps the plain UID; the rest are suffixed.
      const ranked = [...pieces].sort(
        (a, b) => Number(a.localizer) - Number(b.localizer) || b.planes.length - a.planes.length,
      );
      ranked.forEach((p, n) =>
        series.push(buildSeries(n === 0 ? sh[0]!.seriesInstanceUid : `${sh[0]!.seriesInstanceUid}#${n + 1}`, p)),
      );
    }
    const phases = classifyPhases(
      series.map((s) => ({ key: s.seriesInstanceUid, header: s.header, isVolume: s.isVolume })),
    );
    const withPhase = series
      .map((s) => ({ ...s, phase: phases.get(s.seriesInstanceUid)! }))
      .sort((a, b) => a.seriesNumber - b.seriesNumber || a.seriesInstanceUid.localeCompare(b.seriesInstanceUid));
    return {
      studyInstanceUid: h0.studyInstanceUid,
      patientId: h0.patientId,
      patientName: h0.patientName,
      studyDate: h0.studyDate,
      description: h0.studyDescription,
      series: withPhase,
      derived: attached(h0.studyInstanceUid),
    };
  });
  // Derived objects whose study has no image here still get a study to hang under.
  const withImages = new Set(studies.map((s) => s.studyInstanceUid));
  for (const [uid, list] of derivedOf) {
    if (withImages.has(uid)) continue;
    const d0 = list[0]!;
    studies.push({
      studyInstanceUid: uid,
      patientId: d0.patientId,
      patientName: d0.patientName,
      studyDate: d0.studyDate,
      description: d0.studyDescription,
      series: [],
      derived: attached(uid),
    });
  }
  studies.sort((a, b) => a.patientName.localeCompare(b.patientName) || a.studyDate.localeCompare(b.studyDate));
  return { studies };
}
