import { z } from 'zod';
import type { Grid } from '../volume/grid';
import { splitMask } from './liverSplit';

const point = z.tuple([z.number(), z.number(), z.number()]);

/**
 * A Y-90 target territory: the liver split by planes, three points (LPS mm) each. Stored as its
 * planes, not as a mask: a few numbers instead of a voxel array, exact on any grid, and it follows
 * every later edit of the liver (the mask is derived from the liver when measured).
 */
export const territorySchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(64),
  planes: z
    .array(z.object({ points: z.tuple([point, point, point]), keep: z.enum(['positive', 'negative']) }))
    .min(1)
    .max(16),
  /**
   * Marks a lobe split: the territory is this lobe and the rest of the liver the other one, so each
   * lesion gets the lobe holding most of its voxels. Unset: the territory says nothing of lobes.
   */
  lobe: z.enum(['right', 'left']).optional(),
  /** Lung dose (Gy) of this territory's Y-90 session, carried to the stages after it. */
  lungDoseGy: z.number().min(0).max(200).optional(),
});
export type Territory = z.infer<typeof territorySchema>;

/** The territory's voxels of a mask (the whole liver): the liver on the kept side of every plane. */
export function territoryMask(liver: ArrayLike<number>, grid: Grid, territory: Pick<Territory, 'planes'>): Uint8Array {
  return splitMask(liver, grid, territory.planes);
}

/** The territory that splits the liver into lobes, if the case has one (the first marked). */
export function lobeSplit(territories: readonly Territory[]): (Territory & { lobe: 'right' | 'left' }) | null {
  const t = territories.find((x) => x.lobe);
  return t?.lobe ? { ...t, lobe: t.lobe } : null;
}

/**
 * Lung dose already given before a staged target: the sum over the territories listed before it
 * (the list order is the treatment order), each with its recorded session dose.
 */
export function priorLungDoseGy(territories: readonly Territory[], targetId: string): number {
  const at = territories.findIndex((t) => t.id === targetId);
  return territories.slice(0, Math.max(0, at)).reduce((sum, t) => sum + (t.lungDoseGy ?? 0), 0);
}
