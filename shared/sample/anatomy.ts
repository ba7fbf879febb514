import type { Vec3 } from '../volume/grid';
import type { Shape } from './shapes';
import { LESION_BASE, NECROSIS_BASE, TISSUE_ID, type Tissue } from './tissues';

/**
 * One painted structure. Parts are painted in order; later parts overwrite
 * earlier ones only where the current label is in `over` (all labels when
 * absent) and not in `notOver`.
 */
export interface Part {
  name: string;
  shape: Shape;
  label: number;
  over?: number[];
  notOver?: number[];
  /** Paint only voxels already in the whole-liver mask. */
  onlyInLiver?: boolean;
  /** What painting does to the whole-liver truth mask: set it, clear it, or leave it. */
  liver: 'set' | 'clear' | 'keep';
  /** Voxels this part paints within rimMm of its surface form its enhancing rim (Phantom.rim). */
  rimMm?: number;
}

export interface LesionSpec {
  id: string;
  centreLps: Vec3;
  diameterMm: number;
  /** Fraction of the radius that is necrotic (0 = solid). */
  necrosis?: number;
  /** Width of an enhancing rim at the lesion's edge (mm); none when absent. */
  rimMm?: number;
}

export interface AnatomyOptions {
  /** Uniform liver enlargement about the hilum (hepatomegaly in heavy tumour burden). */
  liverScale?: number;
  lesions: LesionSpec[];
}

const T = TISSUE_ID;
/** The porta hepatis: where the portal vein and hepatic artery enter; liver scaling pivots here. */
export const HILUM: Vec3 = [-30, 20, -25];

function ell(centre: Vec3, radii: Vec3, yawDeg = 0): Shape {
  return { kind: 'ellipsoid', centre, radii, yawDeg };
}
function tube(a: Vec3, b: Vec3, radiusA: number, radiusB = radiusA): Shape {
  return { kind: 'capsule', a, b, radiusA, radiusB };
}
function part(name: string, shape: Shape, tissue: Tissue, extra: Partial<Part> = {}): Part {
  return { name, shape, label: T[tissue], liver: 'clear', ...extra };
}

/** Inner boundary of the abdominal wall (ribs lie just outside it). */
export const CAVITY: Shape = { kind: 'ellipticCylinder', centre: [0, 10], radii: [137, 94], zRange: [-1e4, 1e4] };
export const KIDNEY_RIGHT: Shape = { kind: 'ellipsoid', centre: [-68, 78, -92], radii: [27, 24, 52], yawDeg: 20 };
export const KIDNEY_LEFT: Shape = { kind: 'ellipsoid', centre: [68, 76, -78], radii: [27, 24, 52], yawDeg: -20 };
export const IVC: Shape = { kind: 'capsule', a: [-24, 48, -250], b: [-24, 36, 120], radiusA: 11, radiusB: 11 };
export const STOMACH: Shape = { kind: 'ellipsoid', centre: [72, -2, 8], radii: [40, 36, 44], yawDeg: 20 };
export const SPINE: Shape = { kind: 'ellipticCylinder', centre: [0, 95], radii: [30, 35], zRange: [-1e4, 1e4] };
export const SPLEEN: Shape = { kind: 'ellipsoid', centre: [92, 62, 8], radii: [26, 52, 55], yawDeg: -35 };
/** Where the splenic vein and the superior mesenteric vein join to form the portal trunk. */
export const PORTAL_CONFLUENCE: Vec3 = [8, 32, -58];

/** Gallbladder for a given liver scale (it moves with the liver's inferior surface). */
export function gallbladderShape(scale = 1): Shape {
  const c: Vec3 = [-42, -42, -50];
  const centre: Vec3 = [0, 1, 2].map((n) => HILUM[n]! + (c[n]! - HILUM[n]!) * scale) as Vec3;
  return { kind: 'ellipsoid', centre, radii: [15, 17, 36], yawDeg: 30 };
}

/** The liver envelope (three lobes, smoothly joined, gently lobulated). */
export function liverShape(scale = 1): Shape {
  const lob = (phase: number) => ({ amplitudeMm: 3, wavelengthMm: 90, phase });
  const liver: Shape = {
    kind: 'smoothUnion',
    blendMm: 18,
    parts: [
      { kind: 'ellipsoid', centre: [-75, 15, -10], radii: [62, 80, 72], lobulation: lob(0.3) },
      { kind: 'ellipsoid', centre: [8, -38, 14], radii: [55, 30, 34], yawDeg: -12, lobulation: lob(1.1) },
      { kind: 'ellipsoid', centre: [-18, 38, 12], radii: [18, 16, 30], lobulation: lob(2.0) },
    ],
  };
  return scale === 1 ? liver : { kind: 'scaled', shape: liver, about: HILUM, factor: scale };
}

/** Ribs: arcs of short tubes inside the muscle wall, rising from front to back. */
function ribs(): Part[] {
  const out: Part[] = [];
  for (const side of [-1, 1]) {
    for (let r = 0; r < 6; r++) {
      let prev: Vec3 | null = null;
      for (let s = 0; s <= 8; s++) {
        const theta = 0.6 + (2.0 * s) / 8; // 0 = anterior midline, pi = spine
        const p: Vec3 = [side * 142 * Math.sin(theta), 10 - 100 * Math.cos(theta), 45 - r * 32 + 14 * theta];
        if (prev) out.push(part(`rib${side}.${r}.${s}`, tube(prev, p, 4.5), 'bone', { over: [T.muscle, T.fat] }));
        prev = p;
      }
    }
  }
  return out;
}

/** The whole phantom, in paint order. */
export function buildAnatomy(options: AnatomyOptions): Part[] {
  const scale = options.liverScale ?? 1;
  const sv = (v: Vec3): Vec3 => [
    HILUM[0] + (v[0] - HILUM[0]) * scale,
    HILUM[1] + (v[1] - HILUM[1]) * scale,
    HILUM[2] + (v[2] - HILUM[2]) * scale,
  ];
  const parts: Part[] = [
    part('body', { kind: 'ellipticCylinder', centre: [0, 10], radii: [165, 122], zRange: [-1e4, 1e4] }, 'fat'),
    part('wall', { kind: 'ellipticCylinder', centre: [0, 10], radii: [148, 106], zRange: [-1e4, 1e4] }, 'muscle'),
    part('cavity', CAVITY, 'fat'),
    ...ribs(),
    part('lungR', ell([-72, 35, 118], [62, 70, 92]), 'lung', { over: [T.fat] }),
    part('lungL', ell([75, 35, 112], [60, 70, 88]), 'lung', { over: [T.fat] }),
    // Low enough that the inferior wall rests on the liver dome with no fat between (only the
    // diaphragm, too thin to show): the myocardium is liver-like in the portal venous phase.
    part('myocardium', ell([22, -22, 95], [70, 55, 56], -20), 'myocardium', { over: [T.fat, T.lung] }),
    part('heart', ell([22, -22, 95], [61, 46, 48], -20), 'heart', { over: [T.myocardium] }),
    part(
      'paraspinalR',
      { kind: 'ellipticCylinder', centre: [-38, 108], radii: [24, 20], zRange: [-1e4, 1e4] },
      'muscle',
    ),
    part(
      'paraspinalL',
      { kind: 'ellipticCylinder', centre: [38, 108], radii: [24, 20], zRange: [-1e4, 1e4] },
      'muscle',
    ),
    part('psoasR', tube([-28, 78, -40], [-45, 60, -200], 6, 20), 'muscle'),
    part('psoasL', tube([28, 78, -40], [45, 60, -200], 6, 20), 'muscle'),
    part('vertebraArch', { kind: 'ellipticCylinder', centre: [0, 112], radii: [26, 14], zRange: [-1e4, 1e4] }, 'bone'),
    part('vertebraBody', { kind: 'ellipticCylinder', centre: [0, 82], radii: [22, 18], zRange: [-1e4, 1e4] }, 'bone'),
    part('canal', { kind: 'ellipticCylinder', centre: [0, 108], radii: [9, 8], zRange: [-1e4, 1e4] }, 'csf'),
    part('kidneyR', KIDNEY_RIGHT, 'kidney', { over: [T.fat, T.muscle] }),
    part('kidneyL', KIDNEY_LEFT, 'kidney', { over: [T.fat, T.muscle] }),
    // Renal medulla: the arterial-phase corticomedullary pattern.
    part(
      'kidneyMedullaR',
      { ...(KIDNEY_RIGHT as Extract<Shape, { kind: 'ellipsoid' }>), radii: [15, 13, 38] },
      'kidneyMedulla',
      {
        over: [T.kidney],
      },
    ),
    part(
      'kidneyMedullaL',
      { ...(KIDNEY_LEFT as Extract<Shape, { kind: 'ellipsoid' }>), radii: [15, 13, 38] },
      'kidneyMedulla',
      {
        over: [T.kidney],
      },
    ),
    part('spleen', SPLEEN, 'spleen', { over: [T.fat, T.lung] }),
    part('stomach', STOMACH, 'stomachWall', { over: [T.fat] }),
    part('stomachLumen', ell([72, -2, 8], [35, 31, 39], 20), 'stomachContent', { over: [T.stomachWall] }),
    part('pancreas', tube([-5, 25, -58], [75, 45, -45], 11, 8), 'pancreas', { over: [T.fat] }),
    part('colonTransverse', tube([-110, -45, -105], [105, -40, -95], 18), 'bowel', { over: [T.fat] }),
    part('colonAscending', tube([-110, -45, -105], [-112, 5, -170], 20), 'bowel', { over: [T.fat] }),
    part('colonDescending', tube([105, -40, -95], [112, 30, -170], 16), 'bowel', { over: [T.fat] }),
    part('smallBowel1', tube([-60, -50, -140], [40, -60, -150], 13), 'bowel', { over: [T.fat] }),
    part('smallBowel2', tube([40, -60, -150], [20, -20, -135], 13), 'bowel', { over: [T.fat] }),
    part('smallBowel3', tube([-40, -15, -155], [30, -20, -170], 13), 'bowel', { over: [T.fat] }),
    part('aorta', tube([15, 52, -250], [15, 50, 60], 12), 'aorta', { over: [T.fat, T.lung, T.muscle] }),
    part('aortaArch', tube([15, 50, 60], [20, 0, 120], 14), 'aorta', {
      over: [T.fat, T.lung, T.heart, T.myocardium],
    }),
    part('celiac', tube([15, 40, -45], [12, 22, -42], 3.5), 'aorta', { over: [T.fat, T.pancreas] }),
    part('splenicArtery', tube([12, 22, -42], [80, 50, -5], 2.5), 'aorta', { over: [T.fat, T.pancreas] }),
    part('splenicVein', tube(PORTAL_CONFLUENCE, [82, 55, -10], 4.5), 'portalVein', { over: [T.fat, T.pancreas] }),
    part('smv', tube(PORTAL_CONFLUENCE, [14, 0, -200], 5.5), 'portalVein', { over: [T.fat, T.pancreas, T.bowel] }),
    // Kept inside the abdominal wall: an enlarged liver would otherwise reach the subcutaneous fat.
    // Not over the heart: the heart indents the dome, so the two touch.
    part('liver', { kind: 'intersection', parts: [liverShape(scale), CAVITY] }, 'liver', {
      over: [T.fat, T.lung],
      liver: 'set',
    }),
    part('ivc', IVC, 'ivc', { over: [T.fat, T.liver, T.muscle, T.lung, T.heart, T.myocardium] }),
    part('gallbladder', gallbladderShape(scale), 'gallbladder', { over: [T.fat, T.liver] }),
  ];
  // Vessels inside the liver keep the liver mask: clinical liver contours include them.
  const hv = (name: string, a: Vec3, b: Vec3, r0: number, r1: number, label: Tissue): Part =>
    part(name, tube(sv(a), sv(b), r0 * Math.sqrt(scale), r1 * Math.sqrt(scale)), label, {
      liver: 'keep',
      notOver: [T.ivc, T.gallbladder, T.bone, T.kidney],
    });
  parts.push(
    hv('portalTrunk', PORTAL_CONFLUENCE, HILUM, 7, 7, 'portalVein'),
    hv('portalRight', [-30, 20, -25], [-72, 15, -15], 6, 5.5, 'portalVein'),
    hv('portalRightAnterior', [-72, 15, -15], [-92, -28, 5], 4.5, 2.5, 'portalVein'),
    hv('portalRightPosterior', [-72, 15, -15], [-108, 50, -28], 4.5, 2.5, 'portalVein'),
    hv('portalLeft', [-30, 20, -25], [0, -8, -5], 5, 4.5, 'portalVein'),
    hv('portalLeftLateral', [0, -8, -5], [38, -35, 12], 4, 2, 'portalVein'),
    hv('portalSegment4', [0, -8, -5], [-12, -45, 5], 3.5, 2, 'portalVein'),
    hv('hepaticVeinRight', [-24, 38, 50], [-100, 30, -30], 7, 3, 'hepaticVein'),
    hv('hepaticVeinMiddle', [-24, 36, 50], [-52, -32, -28], 6, 2.5, 'hepaticVein'),
    hv('hepaticVeinLeft', [-20, 32, 50], [28, -32, 22], 5, 2, 'hepaticVein'),
    hv('commonHepaticArtery', [12, 22, -42], [-30, 14, -30], 3, 2.8, 'hepaticArtery'),
    hv('hepaticArteryRight', [-30, 14, -30], [-75, 8, -18], 2.4, 1.8, 'hepaticArtery'),
    hv('hepaticArteryLeft', [-30, 14, -30], [2, -14, -8], 2.2, 1.6, 'hepaticArtery'),
  );
  options.lesions.forEach((lesion, n) => {
    const r = lesion.diameterMm / 2;
    const lobulation = { amplitudeMm: Math.min(2, r * 0.08), wavelengthMm: Math.max(12, r * 1.5), phase: n };
    parts.push({
      name: lesion.id,
      shape: {
        kind: 'ellipsoid',
        centre: lesion.centreLps,
        radii: [r, r * 0.92, r * 0.96],
        yawDeg: n * 37,
        lobulation,
      },
      label: LESION_BASE + n,
      // Tumour displaces intrahepatic vessels rather than wrapping round them.
      over: [T.liver, T.portalVein, T.hepaticVein, T.hepaticArtery],
      onlyInLiver: true,
      liver: 'keep',
      ...(lesion.rimMm ? { rimMm: lesion.rimMm } : {}),
    });
    if (lesion.necrosis && lesion.necrosis > 0) {
      const c = r * lesion.necrosis;
      parts.push({
        name: `${lesion.id}-necrosis`,
        shape: ell(lesion.centreLps, [c, c * 0.9, c * 0.95], n * 37),
        label: NECROSIS_BASE + n,
        over: [LESION_BASE + n],
        liver: 'keep',
      });
    }
  });
  return parts;
}
