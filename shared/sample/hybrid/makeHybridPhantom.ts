import { drawLesions, paintLesions } from './insertLesions';
import { measureLiverTexture, type LiverTexture } from './liverTexture';
import { planLesions } from './placeLesions';
import { summariseLesions, truthLabels } from './summariseLesions';
import type { HybridBackground, HybridPhantom, LesionRequest } from './types';

/**
 * Lesions inserted into a real scan with exact truth: measure the liver's level and texture,
 * plan each request (shape, HU profile, centre), draw them with soft edges, paint them into a
 * copy of the image keeping the real noise, and summarise the truth. Deterministic in seed.
 * Pass a texture measured once to build several phantoms on the same background.
 */
export function makeHybridPhantom(
  bg: HybridBackground,
  requests: LesionRequest[],
  seed: number | string,
  texture: LiverTexture = measureLiverTexture(bg.image, bg.liver),
): HybridPhantom {
  if (requests.length > 255) throw new Error('at most 255 lesions fit a Uint8 truth map');
  const { plan, vessels } = planLesions(bg, texture, requests, seed);
  const field = drawLesions(bg, plan, vessels);
  const image = paintLesions(bg.image, field, texture, seed);
  const labels = truthLabels(field);
  return {
    image,
    labels,
    lesions: summariseLesions(bg.image.grid, labels, plan, field, texture.medianHu),
    liverHu: texture.medianHu,
    noiseSd: texture.noiseSd,
    plan,
    ...(vessels ? { vessels } : {}),
  };
}
