import type { SourcedConstant } from '../planning/ruleSet';

/** Tumour and normal liver inside a Y-90 target (perfused) territory: the BSA, MIRD and partition inputs. */
export interface TargetFigures {
  /** Every voxel of the target mask, in or out of the liver. */
  maskMl: number;
  /** Whole liver (tumour + normal) inside the target: the perfused volume. */
  targetMl: number;
  tumourMl: number;
  /** Non-tumoural whole liver (parenchyma and the intrahepatic vessels it closes round). */
  normalMl: number;
  targetKg: number;
  tumourKg: number;
  normalKg: number;
  /** Tissue density used for the masses, with its source (rule data, clinical-rules.md 4). */
  density: SourcedConstant;
}

/**
 * Target figures from masks on one grid: liver is the whole liver without tumours, tumour the
 * tumour voxels, so the two never overlap and normal + tumour = perfused liver exactly.
 */
export function targetFigures(
  target: ArrayLike<number>,
  liver: ArrayLike<number>,
  tumour: ArrayLike<number>,
  voxelMm3: number,
  density: SourcedConstant,
): TargetFigures {
  let inMask = 0;
  let t = 0;
  let nl = 0;
  for (let n = 0; n < target.length; n++) {
    if (!target[n]) continue;
    inMask++;
    if (tumour[n]) t++;
    else if (liver[n]) nl++;
  }
  const ml = (voxels: number) => (voxels * voxelMm3) / 1000;
  const kg = (voxels: number) => (ml(voxels) * density.value) / 1000;
  return {
    maskMl: ml(inMask),
    targetMl: ml(t + nl),
    tumourMl: ml(t),
    normalMl: ml(nl),
    targetKg: kg(t + nl),
    tumourKg: kg(t),
    normalKg: kg(nl),
    density,
  };
}
