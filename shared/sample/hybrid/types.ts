import type { ScalarVolume, Vec3 } from '../../volume/grid';
import type { LesionKind, LesionProfile, ProfileOverrides } from './lesionProfiles';
import type { LesionShape } from './lesionShape';

/** Where a lesion sits relative to the liver. */
export type Placement = 'inside' | 'capsule' | 'vessel' | 'confluent';

/** The real scan lesions go into. */
export interface HybridBackground {
  image: ScalarVolume;
  /** Liver as 0/1 on the image grid; lesions are painted only here. */
  liver: Uint8Array;
  /** Other organ labels (TotalSegmentator values), used to find the IVC and portal vein. */
  labels?: Uint8Array;
}

/** What to insert; the planner picks centre, shape and HU from the seed. */
export interface LesionRequest {
  kind: LesionKind;
  /** Diameter (mm) of the sphere of equal volume, before lumps. */
  diameterMm: number;
  /** Default 'inside'. Ignored when confluentWith is set. */
  placement?: 'inside' | 'capsule' | 'vessel';
  /** Index of an earlier request this lesion overlaps (a confluent pair). */
  confluentWith?: number;
  /** Overlap depth (mm) along the line of centres for a confluent pair; default 4. */
  overlapMm?: number;
  /** Fixed centre (LPS mm): no search. */
  centreLps?: Vec3;
  /** May be cut by the first or last slice (thin slabs); flagged in the result. */
  allowVolumeEdge?: boolean;
  /** Edge blur (mm, Gaussian-equivalent sigma); default 1-2 mm at random. */
  blurMm?: number;
  elongation?: number;
  lumpiness?: number;
  profile?: ProfileOverrides;
}

/** A fully specified lesion, ready to render. */
export interface PlannedLesion {
  kind: LesionKind;
  placement: Placement;
  shape: LesionShape;
  profile: LesionProfile;
  blurMm: number;
  /** Keep large-vessel voxels unpainted (lesions placed against a vessel). */
  protectVessels: boolean;
  confluentWith?: number;
}

/** One inserted lesion with its exact truth figures. Label in the truth map = index + 1. */
export interface InsertedLesion {
  label: number;
  kind: LesionKind;
  placement: Placement;
  centreLps: Vec3;
  /** Full axis lengths (mm) of the ellipsoid before lumps, along shape.axes. */
  diametersMm: Vec3;
  /** Truth voxels x voxel volume. */
  volumeMl: number;
  /** Inside the lesion: centre, or mid-rim for rim-enhancing and necrotic lesions. */
  clickLps: Vec3;
  /** Ends of the longest in-slice diameter of the truth (grid slices, as read on screen). */
  lineLps: [Vec3, Vec3];
  axialLongestMm: number;
  /** Volume-weighted mean HU of the profile, and the liver median it was drawn against. */
  nominalHu: number;
  liverHu: number;
  /** Parts not painted: beyond the liver surface, or beyond the first/last slice. */
  truncated: { byLiver: boolean; byVolumeEdge: boolean };
  confluentWith?: number;
}

export interface HybridPhantom {
  image: ScalarVolume;
  /** Lesion n at n + 1, 0 elsewhere. */
  labels: Uint8Array;
  lesions: InsertedLesion[];
  liverHu: number;
  noiseSd: number;
  plan: PlannedLesion[];
  /** Large-vessel mask vessel lesions were placed against (only when one was requested). */
  vessels?: Uint8Array;
}
