import { distanceTransformMm, squaredDistanceToFeature } from '../../volume/distance';
import { indexToPatient, patientToIndex, type Grid, type Vec3 } from '../../volume/grid';
import { createRng, type Rng } from '../random';
import { defaultProfile } from './lesionProfiles';
import { maxRadiusMm, meanRadiusMm, radiusAlong, randomShape, type LesionShape } from './lesionShape';
import type { LiverTexture } from './liverTexture';
import type { HybridBackground, LesionRequest, PlannedLesion } from './types';
import { vesselMask } from './vesselMask';

/** Gap (mm) kept between lesions that are not a confluent pair. */
const SEPARATION_MM = 4;

interface Maps {
  /** Distance (mm) from a liver voxel to the nearest non-liver voxel of the grid. */
  depth: Float32Array;
  /** Same, counting large vessels as liver (lesions may abut them). */
  depthWithVessels?: Float32Array;
  vesselDist?: Float32Array;
  vessels?: Uint8Array;
}

/**
 * Chooses shape, HU profile and centre for each request, deterministically from the seed.
 * Centres are drawn at random among liver voxels meeting the placement's distance constraints
 * (depth below the capsule, distance to a large vessel, clearance from earlier lesions, and
 * distance to the first/last slice); confluent lesions sit along a random in-plane direction
 * from their partner at a centre distance giving the requested overlap.
 */
export function planLesions(
  bg: HybridBackground,
  texture: LiverTexture,
  requests: LesionRequest[],
  seed: number | string,
): { plan: PlannedLesion[]; vessels?: Uint8Array } {
  const grid = bg.image.grid;
  const maps: Maps = { depth: sqrtAll(squaredDistanceToFeature(bg.liver, grid, true, false)) };
  if (requests.some((r) => r.placement === 'vessel' && r.confluentWith === undefined)) {
    const vessels = vesselMask(bg.image, bg.liver, texture, bg.labels);
    const liverOrVessel = Uint8Array.from(bg.liver, (v, n) => v | vessels[n]!);
    maps.vessels = vessels;
    maps.vesselDist = distanceTransformMm(vessels, grid);
    maps.depthWithVessels = sqrtAll(squaredDistanceToFeature(liverOrVessel, grid, true, false));
  }
  const plan: PlannedLesion[] = [];
  requests.forEach((req, m) => {
    const rng = createRng(`${seed}:lesion:${m}`);
    const shape = randomShape(rng, [0, 0, 0], req.diameterMm, { elongation: req.elongation, lumpiness: req.lumpiness });
    const profile = defaultProfile(req.kind, texture.medianHu, rng, req.profile);
    const blurMm = req.blurMm ?? rng.range(1, 2);
    const placeRng = createRng(`${seed}:place:${m}`);
    shape.centreLps = req.centreLps ?? findCentre(bg, maps, req, shape, plan, placeRng, m);
    const confluent = req.confluentWith !== undefined;
    plan.push({
      kind: req.kind,
      placement: confluent ? 'confluent' : (req.placement ?? 'inside'),
      shape,
      profile,
      blurMm,
      protectVessels: !confluent && req.placement === 'vessel',
      ...(confluent ? { confluentWith: req.confluentWith } : {}),
    });
  });
  return { plan, ...(maps.vessels ? { vessels: maps.vessels } : {}) };
}

function sqrtAll(a: Float32Array): Float32Array {
  for (let n = 0; n < a.length; n++) a[n] = Math.sqrt(a[n]!);
  return a;
}

/** Distance (mm) from a voxel centre to the outer face of the grid's nearest boundary voxel. */
function edgeDistanceMm(grid: Grid, i: number, j: number, k: number): number {
  const idx = [i, j, k];
  let best = Infinity;
  for (let a = 0; a < 3; a++) {
    const s = grid.spacing[a]!;
    best = Math.min(best, (Math.min(idx[a]!, grid.dims[a]! - 1 - idx[a]!) + 0.5) * s);
  }
  return best;
}

function clearOfOthers(c: Vec3, rMax: number, plan: PlannedLesion[], except?: number): boolean {
  return plan.every((o, n) => {
    if (n === except) return true;
    const d = Math.hypot(c[0] - o.shape.centreLps[0], c[1] - o.shape.centreLps[1], c[2] - o.shape.centreLps[2]);
    return d >= rMax + maxRadiusMm(o.shape) + SEPARATION_MM;
  });
}

function findCentre(
  bg: HybridBackground,
  maps: Maps,
  req: LesionRequest,
  shape: LesionShape,
  plan: PlannedLesion[],
  rng: Rng,
  m: number,
): Vec3 {
  const grid = bg.image.grid;
  const rMax = maxRadiusMm(shape);
  const rMean = meanRadiusMm(shape);
  const whole = rMax + 1;
  const edgeNeed = req.allowVolumeEdge ? 0.5 * rMean : whole;
  if (req.confluentWith !== undefined) return confluentCentre(bg, maps, req, shape, plan, rng, edgeNeed);
  const placement = req.placement ?? 'inside';
  const [nx, ny] = grid.dims;
  // Relax step by step before giving up: first whole within the grid, then (when allowed) cut
  // by the first/last slice, and the depth margin last (small livers, thin slabs).
  const steps = [1.5, 0.5, -1].flatMap((slack) => [
    { slack, edge: whole },
    ...(edgeNeed < whole ? [{ slack, edge: edgeNeed }] : []),
  ]);
  for (const { slack, edge } of steps) {
    const candidates: number[] = [];
    for (let v = 0; v < bg.liver.length; v++) {
      if (!bg.liver[v]) continue;
      const i = v % nx;
      const j = ((v - i) / nx) % ny;
      const k = (v - i - nx * j) / (nx * ny);
      if (edgeDistanceMm(grid, i, j, k) < edge) continue;
      const d = maps.depth[v]!;
      if (placement === 'inside' && d < rMax + slack) continue;
      if (placement === 'capsule' && (d < 0.35 * rMean || d > 0.65 * rMean)) continue;
      if (placement === 'vessel') {
        const dv = maps.vesselDist![v]!;
        if (maps.depthWithVessels![v]! < rMax + slack || dv < 0.75 * rMean || dv > rMean + 0.5) continue;
      }
      candidates.push(v);
    }
    // Shuffle-free draw: try random candidates until one is clear of earlier lesions.
    for (let tries = 0; tries < 400 && candidates.length > 0; tries++) {
      const v = candidates[Math.floor(rng.next() * candidates.length)]!;
      const i = v % nx;
      const j = ((v - i) / nx) % ny;
      const c = indexToPatient(grid, i, j, (v - i - nx * j) / (nx * ny));
      if (clearOfOthers(c, rMax, plan)) return c;
    }
  }
  throw new Error(`no room for lesion ${m} (${req.kind}, ${req.diameterMm} mm, ${placement}) in this liver`);
}

function confluentCentre(
  bg: HybridBackground,
  maps: Maps,
  req: LesionRequest,
  shape: LesionShape,
  plan: PlannedLesion[],
  rng: Rng,
  edgeNeed: number,
): Vec3 {
  const grid = bg.image.grid;
  const partner = plan[req.confluentWith!];
  if (!partner) throw new Error(`confluentWith ${req.confluentWith} must name an earlier lesion`);
  const overlap = req.overlapMm ?? 4;
  const rMax = maxRadiusMm(shape);
  const d = grid.direction;
  for (let tries = 0; tries < 500; tries++) {
    // mostly in the slice plane, so both lesions show on the same slices
    const a = rng.range(0, 2 * Math.PI);
    const tilt = rng.range(-0.25, 0.25);
    const u: Vec3 = [0, 1, 2].map((x) => Math.cos(a) * d[x]! + Math.sin(a) * d[3 + x]! + tilt * d[6 + x]!) as Vec3;
    const len = Math.hypot(...u);
    const dir: Vec3 = [u[0] / len, u[1] / len, u[2] / len];
    const back: Vec3 = [-dir[0], -dir[1], -dir[2]];
    const reach = radiusAlong(partner.shape, dir) + radiusAlong({ ...shape, centreLps: [0, 0, 0] }, back) - overlap;
    const pc = partner.shape.centreLps;
    const c: Vec3 = [pc[0] + dir[0] * reach, pc[1] + dir[1] * reach, pc[2] + dir[2] * reach];
    const idx = patientToIndex(grid, c).map(Math.round) as Vec3;
    if (idx.some((x, n) => x < 0 || x >= grid.dims[n]!)) continue;
    const v = idx[0] + grid.dims[0] * (idx[1] + grid.dims[1] * idx[2]);
    if (!bg.liver[v] || maps.depth[v]! < rMax + 0.5) continue;
    if (edgeDistanceMm(grid, idx[0], idx[1], idx[2]) < edgeNeed) continue;
    if (!clearOfOthers(c, rMax, plan, req.confluentWith)) continue;
    return c;
  }
  throw new Error(`no room for a lesion confluent with lesion ${req.confluentWith}`);
}
