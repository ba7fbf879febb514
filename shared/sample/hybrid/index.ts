/**
 * Hybrid phantoms (issue 15, point 1): lesions inserted into real CT with exact truth.
 *
 * - `makeHybridPhantom(background, requests, seed, texture?)` -> { image, labels, lesions, ... }
 * - `hybridCases(name, background)` / `HYBRID_RECIPES`: ready phantoms for the real-CT backgrounds.
 * - Building blocks: planLesions, drawLesions + paintLesions, summariseLesions, measureLiverTexture.
 */
export { makeHybridPhantom } from './makeHybridPhantom';
export { HYBRID_RECIPES, hybridCases } from './hybridRecipes';
export type { HybridBackgroundName, HybridRecipe } from './hybridRecipes';
export { planLesions } from './placeLesions';
export { drawLesions, paintLesions } from './insertLesions';
export { summariseLesions, truthLabels } from './summariseLesions';
export { measureLiverTexture } from './liverTexture';
export type { LiverTexture } from './liverTexture';
export { LESION_KINDS, defaultProfile } from './lesionProfiles';
export type { LesionKind, LesionProfile, ProfileOverrides } from './lesionProfiles';
export type { LesionShape } from './lesionShape';
export type { HybridBackground, HybridPhantom, InsertedLesion, LesionRequest, Placement, PlannedLesion } from './types';
